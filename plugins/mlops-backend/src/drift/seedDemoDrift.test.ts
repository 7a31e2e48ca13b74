import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadDemoCatalog } from '../__testUtils__/demoCatalog';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { DriftStatusReader } from './DriftStatusReader';
import { DEMO_DRIFT_MODELS, seedDemoDrift } from './seedDemoDrift';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function setUp(entities = loadDemoCatalog()) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseDriftStore.create({
    database: mockServices.database({ knex }),
  });
  const models = new ModelCatalog({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
  });
  return { store, models };
}

describe('seedDemoDrift', () => {
  it('seeds fourteen daily windows per demo model, the fraud model drifting in its last ones', async () => {
    const { store, models } = await setUp();
    const now = new Date('2026-11-27T08:00:00Z');
    const outcome = await seedDemoDrift({
      store,
      models,
      driftShare: 0.5,
      now,
    });
    const modelCount = Object.keys(DEMO_DRIFT_MODELS).length;
    expect(outcome).toEqual({
      result: 'seeded',
      references: modelCount,
      windows: modelCount * 14,
    });

    const fraud = await store.listWindowSummaries(
      'mlmodel:default/card-fraud-detector',
      '3.2.0',
      14,
    );
    expect(fraud.map(w => w.drifted)).toEqual([
      ...Array(10).fill(false),
      true,
      true,
      true,
      true,
    ]);
    expect(fraud[13].windowEnd).toEqual(new Date('2026-11-27T00:00:00Z'));
    const status = await new DriftStatusReader({ store }).getDriftStatus(
      'mlmodel:default/card-fraud-detector',
      '3.2.0',
    );
    expect(status?.flagged).toBe(true);
    expect(status?.driftedFeatures).toContain('amount_eur');

    for (const ref of Object.keys(DEMO_DRIFT_MODELS).filter(
      r => !DEMO_DRIFT_MODELS[r].drifting,
    )) {
      const versions = await store.listReferences(ref);
      expect(versions).toHaveLength(1);
      const windows = await store.listWindowSummaries(
        ref,
        versions[0].version,
        14,
      );
      expect(windows).toHaveLength(14);
      expect(windows.every(w => !w.drifted)).toBe(true);
    }
  });

  it('gives the same numbers on every run', async () => {
    const now = new Date('2026-11-27T08:00:00Z');
    const results = [];
    for (let i = 0; i < 2; i++) {
      const { store, models } = await setUp();
      await seedDemoDrift({ store, models, driftShare: 0.5, now });
      results.push(
        await store.getLatestWindow(
          'mlmodel:default/card-fraud-detector',
          '3.2.0',
        ),
      );
    }
    expect(results[0]!.result).toEqual(results[1]!.result);
  });

  it('waits for the catalog, and leaves a store with data alone', async () => {
    const { store, models } = await setUp([]);
    expect(
      await seedDemoDrift({ store, models, driftShare: 0.5 }),
    ).toMatchObject({
      result: 'waiting-for-catalog',
    });
    const seeded = await setUp();
    await seedDemoDrift({ ...seeded, driftShare: 0.5 });
    expect(await seedDemoDrift({ ...seeded, driftShare: 0.5 })).toEqual({
      result: 'not-empty',
    });
  });
});
