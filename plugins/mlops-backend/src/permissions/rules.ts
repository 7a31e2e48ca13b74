import { Entity } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { MLOPS_MODEL_RESOURCE_TYPE } from '@mlops-portal/plugin-mlops-common';
import { tryCanonicalEntityRef } from '../catalog/canonicalEntityRef';

/**
 * The query form of the `mlops-model` rules. Reviews are not filtered in the
 * database by permission conditions (they are judged on the loaded model
 * entity), so this only exists to satisfy the rule contract.
 * @public
 */
export type MLOpsModelFilter = { key: 'spec.owner'; values: string[] };

/**
 * The `mlops-model` resource type: an MLModel catalog entity. Resource refs
 * are entity refs such as `mlmodel:default/card-fraud-detector`.
 * @public
 */
export const mlopsModelPermissionResourceRef = createPermissionResourceRef<
  Entity,
  MLOpsModelFilter
>().with({
  pluginId: 'mlops',
  resourceType: MLOPS_MODEL_RESOURCE_TYPE,
});

/** The parameters of {@link isModelOwner}. @public */
export type IsModelOwnerParams = { claims: string[] };

const CLAIMS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Entity refs (usually the user and their groups); the model passes when spec.owner is one of them',
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

/**
 * A Standard Schema (with its JSON Schema) for the rule parameters, written
 * out by hand: the permission framework's own zod is a different major
 * version than this package's, and TypeScript cannot compare the two.
 */
const isModelOwnerParamsSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'mlops-portal',
    validate(value: unknown) {
      const claims = (value as { claims?: unknown } | null)?.claims;
      if (Array.isArray(claims) && claims.every(c => typeof c === 'string')) {
        return { value: { claims } as IsModelOwnerParams };
      }
      return {
        issues: [
          { message: 'claims must be a list of entity refs', path: ['claims'] },
        ],
      };
    },
    jsonSchema: {
      input: () => CLAIMS_JSON_SCHEMA,
      output: () => CLAIMS_JSON_SCHEMA,
    },
  },
};

/**
 * Allows a model when its `spec.owner` is one of the claims, typically the
 * user's ownership refs: "owners may open reviews of their models".
 * @public
 */
export const isModelOwner = createPermissionRule<
  typeof mlopsModelPermissionResourceRef,
  IsModelOwnerParams
>({
  name: 'IS_MODEL_OWNER',
  description: 'Allow models whose spec.owner is one of the given claims',
  resourceRef: mlopsModelPermissionResourceRef,
  paramsSchema: isModelOwnerParamsSchema,
  apply: (model, { claims }) => {
    const owner = tryCanonicalEntityRef(
      (model.spec as { owner?: unknown } | undefined)?.owner,
      'group',
    );
    if (!owner) return false;
    return claims.some(
      claim => tryCanonicalEntityRef(claim, 'group') === owner,
    );
  },
  toQuery: ({ claims }) => ({
    key: 'spec.owner',
    values: claims
      .map(claim => tryCanonicalEntityRef(claim, 'group'))
      .filter((ref): ref is string => !!ref),
  }),
});

/**
 * The rules of the `mlops-model` resource type, by condition name.
 * @public
 */
export const mlopsModelPermissionRules = { isModelOwner };

const conditionExports = createConditionExports({
  resourceRef: mlopsModelPermissionResourceRef,
  rules: mlopsModelPermissionRules,
});

/**
 * Condition factories for permission policies, e.g.
 * `mlopsConditions.isModelOwner({ claims: user.info.ownershipEntityRefs })`.
 * @public
 */
export const mlopsConditions = conditionExports.conditions;

/**
 * Builds a conditional decision for an `mlops-model` permission, e.g.
 * `createMLOpsConditionalDecision(permission, mlopsConditions.isModelOwner({ claims }))`.
 * @public
 */
export const createMLOpsConditionalDecision =
  conditionExports.createConditionalDecision;
