import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  mlopsPermissions,
  mlopsReviewCreatePermission,
} from '@mlops-portal/plugin-mlops-common';
import { cardFraudDetector, catalogEntities } from '../__testUtils__/fixtures';
import { registerMLOpsPermissions } from './registerMLOpsPermissions';
import {
  createMLOpsConditionalDecision,
  isModelOwner,
  mlopsConditions,
} from './rules';

describe('isModelOwner', () => {
  const model = cardFraudDetector();

  it('allows a model whose owner is among the claims, however the refs are written', () => {
    expect(
      isModelOwner.apply(model, { claims: ['group:default/fraud-ml'] }),
    ).toBe(true);
    expect(
      isModelOwner.apply(model, { claims: ['Group:default/Fraud-ML'] }),
    ).toBe(true);
    expect(isModelOwner.apply(model, { claims: ['fraud-ml'] })).toBe(true);
    expect(
      isModelOwner.apply(
        { ...model, spec: { ...model.spec, owner: 'fraud-ml' } },
        {
          claims: ['group:default/fraud-ml'],
        },
      ),
    ).toBe(true);
  });

  it('refuses other owners and models without an owner', () => {
    expect(
      isModelOwner.apply(model, {
        claims: ['user:default/ada', 'group:default/forecasting'],
      }),
    ).toBe(false);
    expect(isModelOwner.apply(model, { claims: [] })).toBe(false);
    const ownerless = {
      ...model,
      spec: { type: 'ranking' },
    } as unknown as Entity;
    expect(
      isModelOwner.apply(ownerless, { claims: ['group:default/fraud-ml'] }),
    ).toBe(false);
  });

  it('validates its parameters and describes them as JSON Schema', () => {
    const schema = (isModelOwner.paramsSchema as any)['~standard'];
    expect(schema.validate({ claims: ['group:default/a'] })).toEqual({
      value: { claims: ['group:default/a'] },
    });
    expect(schema.validate({ claims: 'group:default/a' }).issues).toHaveLength(
      1,
    );
    expect(schema.jsonSchema.input({ target: 'draft-07' })).toMatchObject({
      required: ['claims'],
    });
  });
});

describe('condition exports', () => {
  it('build conditional decisions a policy can return', () => {
    expect(
      createMLOpsConditionalDecision(
        mlopsReviewCreatePermission,
        mlopsConditions.isModelOwner({ claims: ['group:default/fraud-ml'] }),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'mlops',
      resourceType: 'mlops-model',
      conditions: {
        rule: 'IS_MODEL_OWNER',
        resourceType: 'mlops-model',
        params: { claims: ['group:default/fraud-ml'] },
      },
    });
  });
});

describe('registerMLOpsPermissions', () => {
  it('registers the permissions and a resource type that loads models from the catalog', async () => {
    const registry = mockServices.permissionsRegistry.mock();
    const catalog = catalogServiceMock({ entities: catalogEntities() });
    registerMLOpsPermissions({
      permissionsRegistry: registry,
      catalog,
      auth: mockServices.auth(),
    });

    expect(registry.addResourceType).toHaveBeenCalledTimes(1);
    const options = registry.addResourceType.mock.calls[0][0];
    expect(options.resourceRef.resourceType).toBe('mlops-model');
    expect(options.permissions).toEqual(mlopsPermissions);
    expect(options.rules.map(r => r.name)).toEqual(['IS_MODEL_OWNER']);

    const resources = await options.getResources!([
      'mlmodel:default/card-fraud-detector',
      'component:default/fraud-scorer',
      'mlmodel:default/missing',
    ]);
    expect(
      resources.map(r => (r as Entity | undefined)?.metadata.name),
    ).toEqual(['card-fraud-detector', undefined, undefined]);
  });
});
