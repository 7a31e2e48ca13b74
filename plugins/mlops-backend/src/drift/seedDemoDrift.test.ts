import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadDemoCatalog } from '../__testUtils__/demoCatalog';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { driftFlagSourceFrom } from '../rollout/rolloutGateSources';
import { DatabaseDriftStore } from './DatabaseDriftStore';
import { StoredDriftWindow } from './DriftStore';
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

/** What a window says, feature by feature. */
function driftedFeaturesOf(window: StoredDriftWindow): string[] {
  return Object.entries(window.result.features)
    .filter(([, feature]) => feature.drifted)
    .map(([name]) => name)
    .sort();
}

const FRAUD = 'mlmodel:default/card-fraud-detector';

describe('seedDemoDrift', () => {
  it('seeds fourteen daily windows per demo model: the fraud model sees its merchant mix shift, the others stay stable', async () => {
    const { store, models } = await setUp();
    const added = jest.spyOn(store, 'addWindow');
    const now = new Date('2026-11-27T08:00:00Z');
    const outcome = await seedDemoDrift({
      store,
      models,
      driftShare: 0.5,
      now,
    });
    const modelCount = Object.keys(DEMO_DRIFT_MODELS).length;
    // Plus the fraud model's candidate, in shadow for the last seven windows.
    expect(outcome).toEqual({
      result: 'seeded',
      references: modelCount + 1,
      windows: modelCount * 14 + 7,
    });
    const windowsOf = (modelRef: string, version?: string) =>
      added.mock.calls
        .map(([window]) => window)
        .filter(
          window =>
            window.modelRef === modelRef &&
            (!version || window.version === version),
        );

    // A partner marketplace's payments arrive: the merchant category first,
    // then country and amount, then the card-not-present signals and the
    // hour, then currency and the 24-hour sum derived from amounts.
    const fraud = windowsOf(FRAUD, '3.2.0');
    const story = [
      ...Array(9).fill([]),
      ['merchant_category_code'],
      ['amount_eur', 'merchant_category_code', 'merchant_country'],
      [
        'amount_eur',
        'card_present',
        'entry_mode',
        'hour_of_day_local',
        'merchant_category_code',
        'merchant_country',
      ],
      ...Array(2).fill([
        'amount_eur',
        'card_present',
        'currency',
        'entry_mode',
        'hour_of_day_local',
        'merchant_category_code',
        'merchant_country',
        'txn_amount_sum_24h',
      ]),
    ];
    expect(fraud.map(driftedFeaturesOf)).toEqual(story);
    // The card's own behaviour, device and login stay as in training.
    const fraudModel = loadDemoCatalog().find(
      e => e.metadata.name === 'card-fraud-detector',
    )!;
    const stable = (fraudModel.spec!.features as Array<{ name: string }>)
      .map(f => f.name)
      .filter(name => !driftedFeaturesOf(fraud[13]).includes(name));
    expect(stable.sort()).toEqual([
      'billing_shipping_distance_km',
      'days_since_card_first_seen',
      'device_accounts_30d',
      'distinct_merchants_7d',
      'ip_country_matches_billing',
      'login_risk_score',
      'txn_count_1h',
    ]);

    // 8 of 15 features is just over the default dataset-drift share of 0.5.
    const summaries = await store.listWindowSummaries(FRAUD, '3.2.0', 14);
    expect(summaries.map(w => w.drifted)).toEqual([
      ...Array(12).fill(false),
      true,
      true,
    ]);
    expect(summaries[13].windowEnd).toEqual(new Date('2026-11-27T00:00:00Z'));
    const status = await new DriftStatusReader({ store }).getDriftStatus(
      FRAUD,
      '3.2.0',
    );
    expect(status).toMatchObject({
      flagged: true,
      numberOfDriftedFeatures: 8,
      numberOfFeatures: 15,
    });
    expect([...status!.driftedFeatures].sort()).toEqual(
      driftedFeaturesOf(fraud[13]),
    );

    // The canary (3.3.0-rc.1) was trained before the launch and scores the
    // same traffic: the gate of its full promotion fails on drift.
    const candidate = windowsOf(FRAUD, '3.3.0-rc.1');
    expect(candidate.map(w => w.windowEnd)).toEqual(
      fraud.slice(7).map(w => w.windowEnd),
    );
    expect(candidate.map(driftedFeaturesOf)).toEqual(story.slice(7));
    const gate = await driftFlagSourceFrom(
      new DriftStatusReader({ store }),
    ).getDriftStatus(FRAUD, '3.3.0-rc.1');
    expect(gate?.flagged).toBe(true);
    expect(gate?.detail).toMatch(
      /^Drift flagged for 3\.3\.0-rc\.1: 8 of 15 features drifted \(53\.3%; dataset drift at 50\.0%\)/,
    );

    for (const ref of Object.keys(DEMO_DRIFT_MODELS).filter(r => r !== FRAUD)) {
      const versions = await store.listReferences(ref);
      expect(versions).toHaveLength(1);
      const windows = windowsOf(ref);
      expect(windows).toHaveLength(14);
      expect(windows.map(driftedFeaturesOf)).toEqual(Array(14).fill([]));
    }
  });

  it('gives the same numbers on every run', async () => {
    const now = new Date('2026-11-27T08:00:00Z');
    const results = [];
    for (let i = 0; i < 2; i++) {
      const { store, models } = await setUp();
      await seedDemoDrift({ store, models, driftShare: 0.5, now });
      results.push(await store.getLatestWindow(FRAUD, '3.2.0'));
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
