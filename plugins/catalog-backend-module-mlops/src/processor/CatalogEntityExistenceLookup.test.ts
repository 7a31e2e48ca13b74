import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogEntityExistenceLookup } from './CatalogEntityExistenceLookup';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'fraud-ml', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const dataset: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'transactions', namespace: 'default' },
  spec: { type: 'dataset', owner: 'fraud-ml' },
};

function setup(options: { now?: () => number; maxEntries?: number } = {}) {
  const entities = new Map<string, Entity>([
    ['group:default/fraud-ml', group],
    ['resource:default/transactions', dataset],
  ]);
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
      items: entityRefs.map(ref => entities.get(ref)),
    })),
  });
  const auth = mockServices.auth({ pluginId: 'catalog' });
  const lookup = new CatalogEntityExistenceLookup({
    catalog,
    auth,
    ...options,
  });
  return { catalog, lookup, entities };
}

describe('CatalogEntityExistenceLookup', () => {
  it('asks the catalog once per question, for existence fields only, as itself', async () => {
    const { catalog, lookup } = setup();
    await expect(
      lookup.findMissing([
        'group:default/fraud-ml',
        'resource:default/transactions',
        'resource:default/chargebacks',
      ]),
    ).resolves.toEqual(['resource:default/chargebacks']);

    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    const [request, options] = catalog.getEntitiesByRefs.mock.calls[0];
    expect(request).toEqual({
      entityRefs: [
        'group:default/fraud-ml',
        'resource:default/transactions',
        'resource:default/chargebacks',
      ],
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    });
    expect(options).toEqual({
      credentials: expect.objectContaining({
        principal: { type: 'service', subject: 'plugin:catalog' },
      }),
    });
  });

  it('remembers found entities, and asks again about missing ones', async () => {
    const { catalog, lookup, entities } = setup();
    await lookup.findMissing(['group:default/fraud-ml', 'resource:default/x']);
    await expect(
      lookup.findMissing(['group:default/fraud-ml']),
    ).resolves.toEqual([]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);

    entities.set('resource:default/x', dataset);
    await expect(
      lookup.findMissing(['group:default/fraud-ml', 'resource:default/x']),
    ).resolves.toEqual([]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(catalog.getEntitiesByRefs.mock.calls[1][0].entityRefs).toEqual([
      'resource:default/x',
    ]);
  });

  it('forgets found entities after the TTL', async () => {
    let now = 1_000;
    const { catalog, lookup, entities } = setup({ now: () => now });
    await lookup.findMissing(['group:default/fraud-ml']);
    entities.delete('group:default/fraud-ml');

    now += 59_000;
    await expect(
      lookup.findMissing(['group:default/fraud-ml']),
    ).resolves.toEqual([]);
    now += 2_000;
    await expect(
      lookup.findMissing(['group:default/fraud-ml']),
    ).resolves.toEqual(['group:default/fraud-ml']);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxEntries found refs, dropping the oldest', async () => {
    const { catalog, lookup } = setup({ maxEntries: 1 });
    await lookup.findMissing(['group:default/fraud-ml']);
    await lookup.findMissing(['resource:default/transactions']);
    await lookup.findMissing(['resource:default/transactions']);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
    await lookup.findMissing(['group:default/fraud-ml']);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);
  });

  it('rejects when the catalog cannot be asked', async () => {
    const catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn().mockRejectedValue(new Error('ECONNREFUSED')),
    });
    const lookup = new CatalogEntityExistenceLookup({
      catalog,
      auth: mockServices.auth(),
    });
    await expect(
      lookup.findMissing(['group:default/fraud-ml']),
    ).rejects.toThrow('ECONNREFUSED');
  });

  it('does not call the catalog for an empty question', async () => {
    const { catalog, lookup } = setup();
    await expect(lookup.findMissing([])).resolves.toEqual([]);
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
