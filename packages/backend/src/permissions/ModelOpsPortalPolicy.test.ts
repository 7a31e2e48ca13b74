import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  mlopsDriftIngestPermission,
  mlopsReviewCreatePermission,
  mlopsReviewReadPermission,
  mlopsReviewSignoffPermission,
  mlopsRolloutAbortPermission,
  mlopsRolloutOverridePermission,
  mlopsRolloutPromotePermission,
  mlopsSloIngestPermission,
} from '@mlops-portal/plugin-mlops-common';
import { ModelOpsPortalPolicy } from './ModelOpsPortalPolicy';

const policy = ModelOpsPortalPolicy.fromConfig(
  new ConfigReader({
    mlops: {
      permissions: {
        reviewerGroups: ['group:default/ML-Reviewers'],
        rolloutGroups: ['group:default/ml-platform'],
        adminGroups: ['group:default/platform-admins'],
      },
    },
  }),
);

function userIn(...groups: string[]) {
  const userEntityRef = 'user:default/someone';
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...groups],
    },
  };
}

const decide = async (permission: any, user?: ReturnType<typeof userIn>) =>
  (await policy.handle({ permission }, user)).result;

describe('ModelOpsPortalPolicy', () => {
  const dataScientist = userIn('group:default/fraud-ml');
  const reviewer = userIn('group:default/ml-reviewers');
  const rolloutOperator = userIn('group:default/ml-platform');
  const admin = userIn('group:default/platform-admins');

  it('lets anyone signed in read', async () => {
    for (const permission of [
      catalogEntityReadPermission,
      mlopsReviewReadPermission,
    ]) {
      expect(await decide(permission, dataScientist)).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });

  it('denies requests without a signed-in user', async () => {
    expect(await decide(catalogEntityReadPermission)).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets owners open reviews of their own models only (a condition on ownership)', async () => {
    const decision = await policy.handle(
      { permission: mlopsReviewCreatePermission },
      dataScientist,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'mlops',
      resourceType: 'mlops-model',
      conditions: {
        rule: 'IS_MODEL_OWNER',
        resourceType: 'mlops-model',
        params: {
          claims: ['user:default/someone', 'group:default/fraud-ml'],
        },
      },
    });
    expect(await decide(mlopsReviewCreatePermission, admin)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets owners post drift data of their own models only (a condition on ownership)', async () => {
    const decision = await policy.handle(
      { permission: mlopsDriftIngestPermission },
      dataScientist,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'mlops',
      resourceType: 'mlops-model',
      conditions: {
        rule: 'IS_MODEL_OWNER',
        resourceType: 'mlops-model',
        params: {
          claims: ['user:default/someone', 'group:default/fraud-ml'],
        },
      },
    });
    expect(await decide(mlopsDriftIngestPermission, admin)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets owners post SLI measurements of their own models only (a condition on ownership)', async () => {
    expect(
      await policy.handle(
        { permission: mlopsSloIngestPermission },
        dataScientist,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'mlops',
      resourceType: 'mlops-model',
      conditions: {
        rule: 'IS_MODEL_OWNER',
        resourceType: 'mlops-model',
        params: {
          claims: ['user:default/someone', 'group:default/fraud-ml'],
        },
      },
    });
    expect(await decide(mlopsSloIngestPermission, admin)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('keeps review sign-off to reviewer groups (matched case-insensitively)', async () => {
    expect(await decide(mlopsReviewSignoffPermission, dataScientist)).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide(mlopsReviewSignoffPermission, reviewer)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets rollout groups act on every canary and owners on their own (a condition on ownership)', async () => {
    for (const permission of [
      mlopsRolloutPromotePermission,
      mlopsRolloutAbortPermission,
    ]) {
      expect(await policy.handle({ permission }, dataScientist)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'mlops',
        resourceType: 'mlops-model',
        conditions: {
          rule: 'IS_MODEL_OWNER',
          resourceType: 'mlops-model',
          params: {
            claims: ['user:default/someone', 'group:default/fraud-ml'],
          },
        },
      });
      expect(await decide(permission, rolloutOperator)).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });

  it('keeps destructive actions and gate overrides to administrators', async () => {
    for (const permission of [
      catalogEntityDeletePermission,
      catalogLocationDeletePermission,
      mlopsRolloutOverridePermission,
      createPermission({
        name: 'catalog.entities.unprocessed.delete',
        attributes: { action: 'delete' },
      }),
    ]) {
      expect(await decide(permission, rolloutOperator)).toBe(
        AuthorizeResult.DENY,
      );
      expect(await decide(permission, admin)).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('gives administrators review and rollout rights too', async () => {
    expect(await decide(mlopsReviewSignoffPermission, admin)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide(mlopsRolloutPromotePermission, admin)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('grants no group rights when the config names none', async () => {
    const bare = ModelOpsPortalPolicy.fromConfig(new ConfigReader({}));
    expect(
      (await bare.handle({ permission: mlopsReviewSignoffPermission }, admin))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });
});
