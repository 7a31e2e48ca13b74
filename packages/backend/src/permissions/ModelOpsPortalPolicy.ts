import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  createMLOpsConditionalDecision,
  mlopsConditions,
} from '@mlops-portal/plugin-mlops-backend';
import {
  mlopsDriftIngestPermission,
  mlopsReviewCreatePermission,
  mlopsReviewSignoffPermission,
  mlopsRolloutAbortPermission,
  mlopsRolloutOverridePermission,
  mlopsRolloutPromotePermission,
  mlopsSloIngestPermission,
} from '@mlops-portal/plugin-mlops-common';

/**
 * Who holds which rights, by group entity ref. Read from
 * `mlops.permissions` in app-config.
 */
export interface ModelOpsPortalPolicyOptions {
  /** May sign off readiness reviews. */
  reviewerGroups: string[];
  /** May promote and abort every canary (owners may act on their own models' canaries). */
  rolloutGroups: string[];
  /** Platform administrators: destructive catalog actions, gate overrides. */
  adminGroups: string[];
}

// Deleting what others registered is kept to platform administrators; the
// unprocessed-entities module names its delete permission this way.
const ADMIN_ONLY_PERMISSION_NAMES = new Set([
  catalogEntityDeletePermission.name,
  catalogLocationDeletePermission.name,
  'catalog.entities.unprocessed.delete',
  mlopsRolloutOverridePermission.name,
]);

/**
 * The demo portal's permission policy: anyone signed in reads and does
 * ordinary work; owners open readiness reviews of their models; named
 * groups hold review and rollout rights; platform
 * administrators hold destructive and override rights. Requests without a
 * signed-in user are denied.
 */
export class ModelOpsPortalPolicy implements PermissionPolicy {
  static fromConfig(config: Config): ModelOpsPortalPolicy {
    const section = config.getOptionalConfig('mlops.permissions');
    const groups = (key: string) =>
      (section?.getOptionalStringArray(key) ?? []).map(ref =>
        ref.toLocaleLowerCase('en-US'),
      );
    return new ModelOpsPortalPolicy({
      reviewerGroups: groups('reviewerGroups'),
      rolloutGroups: groups('rolloutGroups'),
      adminGroups: groups('adminGroups'),
    });
  }

  constructor(private readonly options: ModelOpsPortalPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const refs = new Set(
      user.info.ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    );
    const memberOf = (groups: string[]) => groups.some(g => refs.has(g));
    const allowIf = (condition: boolean): PolicyDecision => ({
      result: condition ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    });
    const { permission } = request;
    const isAdmin = memberOf(this.options.adminGroups);

    if (ADMIN_ONLY_PERMISSION_NAMES.has(permission.name)) {
      return allowIf(isAdmin);
    }
    if (is(permission, mlopsReviewCreatePermission)) {
      // Owners open, attest and withdraw reviews of their own models.
      return isAdmin
        ? { result: AuthorizeResult.ALLOW }
        : createMLOpsConditionalDecision(
            mlopsReviewCreatePermission,
            mlopsConditions.isModelOwner({ claims: [...refs] }),
          );
    }
    if (is(permission, mlopsDriftIngestPermission)) {
      // Owners post drift references and windows of their own models.
      // Pipelines use service tokens: the permission client allows
      // unrestricted service principals before any policy is asked.
      return isAdmin
        ? { result: AuthorizeResult.ALLOW }
        : createMLOpsConditionalDecision(
            mlopsDriftIngestPermission,
            mlopsConditions.isModelOwner({ claims: [...refs] }),
          );
    }
    if (is(permission, mlopsSloIngestPermission)) {
      // Owners post SLI counts of their own models; exporters use service tokens.
      return isAdmin
        ? { result: AuthorizeResult.ALLOW }
        : createMLOpsConditionalDecision(
            mlopsSloIngestPermission,
            mlopsConditions.isModelOwner({ claims: [...refs] }),
          );
    }
    if (is(permission, mlopsReviewSignoffPermission)) {
      return allowIf(isAdmin || memberOf(this.options.reviewerGroups));
    }
    if (
      is(permission, mlopsRolloutPromotePermission) ||
      is(permission, mlopsRolloutAbortPermission)
    ) {
      // Rollout groups act on every canary; owners on their own models'.
      return isAdmin || memberOf(this.options.rolloutGroups)
        ? { result: AuthorizeResult.ALLOW }
        : createMLOpsConditionalDecision(
            permission as typeof mlopsRolloutPromotePermission,
            mlopsConditions.isModelOwner({ claims: [...refs] }),
          );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

function is(permission: Permission, expected: Permission): boolean {
  return isPermission(permission, expected);
}
