import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { cardFraudDetector, catalogEntities } from '../__testUtils__/fixtures';
import { ModelCatalog, referencedRefs } from './ModelCatalog';

const CARD_FRAUD = 'mlmodel:default/card-fraud-detector';

describe('referencedRefs', () => {
  it('names the owner, the datasets and the datasets the version was trained on', () => {
    const model = cardFraudDetector();
    model.spec.versions![1].trainedOn = [
      'resource:default/card-transactions',
      'login-events',
    ];
    expect(referencedRefs({ model, version: '3.3.0' })).toEqual([
      'group:default/fraud-ml',
      'resource:default/card-transactions',
      'resource:default/chargebacks',
      'resource:default/login-events',
    ]);
  });

  it('leaves out values that are not refs', () => {
    const model = cardFraudDetector();
    (model.spec as any).datasets = ['resource:', 42, null];
    (model.spec as any).owner = { evil: true };
    expect(referencedRefs({ model, version: '9.9.9' })).toEqual([]);
  });
});

describe('ModelCatalog', () => {
  it('gathers the facts of many model versions with one catalog request and its own credentials', async () => {
    const catalog = catalogServiceMock.mock();
    catalog.getEntitiesByRefs.mockImplementation(async ({ entityRefs }) => ({
      items: entityRefs.map(ref =>
        ref === 'resource:default/chargebacks'
          ? undefined
          : { apiVersion: 'v1', kind: 'X', metadata: { name: ref } },
      ),
    }));
    const models = new ModelCatalog({ catalog, auth: mockServices.auth() });
    const model = cardFraudDetector();

    const facts = await models.gatherFacts([
      { model, version: '3.2.0' },
      { model, version: '3.3.0' },
    ]);

    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      {
        entityRefs: [
          'group:default/fraud-ml',
          'resource:default/card-transactions',
          'resource:default/chargebacks',
        ],
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
    expect(facts.existingRefs).toEqual([
      'group:default/fraud-ml',
      'resource:default/card-transactions',
    ]);
  });

  it('finds MLModels and nothing else', async () => {
    const models = new ModelCatalog({
      catalog: catalogServiceMock({ entities: catalogEntities() }),
      auth: mockServices.auth(),
    });
    const credentials = mockCredentials.user('user:default/ada');

    await expect(
      models.getModel(
        { kind: 'MLModel', namespace: 'default', name: 'card-fraud-detector' },
        credentials,
      ),
    ).resolves.toMatchObject({ metadata: { name: 'card-fraud-detector' } });
    await expect(
      models.getModel('component:default/fraud-scorer', credentials),
    ).rejects.toThrow(NotFoundError);
    await expect(
      models.getModel('mlmodel:default/nope', credentials),
    ).rejects.toThrow('No MLModel mlmodel:default/nope in the catalog');
  });

  it('reads as the user for users, and as itself for service tokens', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => cardFraudDetector()),
    });
    const models = new ModelCatalog({ catalog, auth: mockServices.auth() });
    const user = mockCredentials.user('user:default/ada');

    await models.getModel(CARD_FRAUD, user);
    await models.getModel(CARD_FRAUD, mockCredentials.service('external:ci'));

    expect(
      catalog.getEntityByRef.mock.calls.map(
        ([, options]) => (options as { credentials?: unknown })?.credentials,
      ),
    ).toEqual([
      user,
      expect.objectContaining({
        principal: expect.objectContaining({
          type: 'service',
          subject: 'plugin:test',
        }),
      }),
    ]);
  });
});
