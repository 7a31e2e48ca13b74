import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { MLOPS_MODEL_RESOURCE_TYPE } from '@mlops-portal/plugin-mlops-common';
import { MLOpsModelFilter } from './rules';

type ModelPermission = ResourcePermission<typeof MLOPS_MODEL_RESOURCE_TYPE>;

/**
 * Decides `mlops-model` permissions against model entities that the caller
 * already loaded. Conditional decisions ("owners may open reviews") are
 * evaluated here with the plugin's own rules, so no decision needs a second
 * round trip through the permission backend to load the model again.
 */
export class ModelPermissionChecker {
  readonly #permissions: PermissionsService;
  readonly #authorizeConditions: (
    decision: PolicyDecision,
    model: Entity | undefined,
  ) => boolean;

  constructor(options: {
    permissions: PermissionsService;
    ruleset: PermissionRuleset<Entity, MLOpsModelFilter>;
  }) {
    this.#permissions = options.permissions;
    this.#authorizeConditions = createConditionAuthorizer(options.ruleset);
  }

  /** Whether each permission is granted on one model. */
  async check(
    credentials: BackstageCredentials,
    permissions: ModelPermission[],
    model: Entity,
  ): Promise<boolean[]> {
    const decisions = await this.#permissions.authorizeConditional(
      permissions.map(permission => ({ permission })),
      { credentials },
    );
    return decisions.map(decision => this.#allows(decision, model));
  }

  /** Whether every permission is granted, for each of many models (one request). */
  async filter<T extends Entity>(
    credentials: BackstageCredentials,
    permissions: ModelPermission[],
    models: T[],
  ): Promise<T[]> {
    if (models.length === 0) return [];
    const decisions = await this.#permissions.authorizeConditional(
      permissions.map(permission => ({ permission })),
      { credentials },
    );
    return models.filter(model =>
      decisions.every(decision => this.#allows(decision, model)),
    );
  }

  /**
   * The definitive answer when the policy gives one without looking at a
   * model: `true` or `false`, or `undefined` when it depends on the model.
   */
  async unconditional(
    credentials: BackstageCredentials,
    permission: ModelPermission,
  ): Promise<boolean | undefined> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return undefined;
  }

  #allows(decision: PolicyDecision, model: Entity): boolean {
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return this.#authorizeConditions(decision, model);
  }
}
