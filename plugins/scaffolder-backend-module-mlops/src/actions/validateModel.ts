import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isMLModelEntity,
  validateMLModelEntity,
} from '@mlops-portal/plugin-mlops-common';
import { readWorkspaceYamlDocuments } from './workspaceFiles';
import { validateModelExamples } from './validateModel.examples';

/** Action id of {@link createValidateModelAction}. @public */
export const VALIDATE_MODEL_ACTION_ID = 'mlops:model:validate';

/**
 * Validates the MLModel entity a template generated, before anything is
 * published: the run stops with every field path and rule that failed, so the
 * catalog never receives a model it would refuse.
 * @public
 */
export function createValidateModelAction() {
  return createTemplateAction({
    id: VALIDATE_MODEL_ACTION_ID,
    description:
      'Validates the generated MLModel entity (catalog-info.yaml) and stops the run with every field error.',
    examples: validateModelExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityPath: z =>
          z
            .string()
            .describe(
              'Workspace path of the catalog file holding the MLModel (other documents in it are ignored)',
            )
            .default('catalog-info.yaml'),
        requireOwnerMembership: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Stop the run unless the user running the template is a member of the group in spec.owner. Later steps that act for the user (mlops:review:open) need it, and checking here fails the run before anything is published.',
            ),
      },
      output: {
        entityRef: z => z.string().describe('Ref of the validated model'),
        name: z => z.string().describe('metadata.name of the model'),
        version: z =>
          z.string().optional().describe('spec.version of the model, if set'),
      },
    },
    async handler(ctx) {
      const entityPath = ctx.input.entityPath ?? 'catalog-info.yaml';
      const documents = await readWorkspaceYamlDocuments(
        ctx.workspacePath,
        entityPath,
      );
      const models = documents.filter(doc =>
        isMLModelEntity(doc as Parameters<typeof isMLModelEntity>[0]),
      );
      if (models.length !== 1) {
        throw new InputError(
          `${entityPath} must contain exactly one MLModel entity (found ${models.length})`,
        );
      }
      const model = models[0] as Parameters<typeof isMLModelEntity>[0] & {
        metadata: { name: string; namespace?: string };
        spec: { version?: string };
      };
      const issues = validateMLModelEntity(model);
      if (issues.length > 0) {
        throw new InputError(
          `The MLModel in ${entityPath} is invalid: ${issues
            .map(issue => `${issue.path} ${issue.message}`)
            .join('; ')}`,
        );
      }
      if (ctx.input.requireOwnerMembership) {
        assertUserIsOwnerMember(
          String((model.spec as { owner?: unknown }).owner),
          ctx.user?.entity,
        );
      }
      const entityRef = stringifyEntityRef(model);
      ctx.logger.info(`${entityRef} is a valid MLModel`);
      ctx.output('entityRef', entityRef);
      ctx.output('name', model.metadata.name);
      if (model.spec.version) ctx.output('version', String(model.spec.version));
    },
  });
}

/**
 * The owner must be a group the user belongs to, as the catalog records it
 * (memberOf relations, or spec.memberOf before relations are stitched).
 */
function assertUserIsOwnerMember(owner: string, user: Entity | undefined) {
  const ownerRef = stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
  if (!user) {
    throw new NotAllowedError(
      `This template opens the model's first readiness review as the user running it, who must be a member of ${ownerRef}; the run has no signed-in catalog user`,
    );
  }
  const groups = new Set<string>([
    ...(user.relations ?? [])
      .filter(relation => relation.type === RELATION_MEMBER_OF)
      .map(relation => relation.targetRef),
    ...((user.spec?.memberOf as string[] | undefined) ?? []).map(ref =>
      stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'group',
          defaultNamespace: user.metadata.namespace ?? 'default',
        }),
      ),
    ),
  ]);
  if (!groups.has(ownerRef)) {
    throw new NotAllowedError(
      `${stringifyEntityRef(
        user,
      )} is not a member of ${ownerRef}, the owner chosen for this model; choose one of your own groups (${
        [...groups].sort().join(', ') || 'you belong to none'
      }) so that you can open its readiness review`,
    );
  }
}
