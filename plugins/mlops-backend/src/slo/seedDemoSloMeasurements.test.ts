import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_BURN_RATE_WINDOWS,
  isMLModelEntity,
  MLModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';
import { loadDemoCatalog } from '../__testUtils__/demoCatalog';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import { BuiltInSloProvider } from './BuiltInSloProvider';
import { DatabaseSloStore } from './DatabaseSloStore';
import {
  demoMeasurement,
  seedDemoSloMeasurements,
} from './seedDemoSloMeasurements';
import { SloStatusService } from './SloStatusService';

jest.setTimeout(120_000);

const NOW = Date.UTC(2026, 10, 26, 14, 0);

describe('demo SLO measurements', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const models = loadDemoCatalog().filter(
    isMLModelEntity,
  ) as MLModelEntityV1alpha1[];

  it('are the same numbers every time', () => {
    const slo = models.find(m => m.metadata.name === 'card-fraud-detector')!
      .spec.slos![0];
    expect(
      demoMeasurement('card-fraud-detector', slo, 0, NOW - 3_600_000, NOW),
    ).toEqual(
      demoMeasurement('card-fraud-detector', slo, 0, NOW - 3_600_000, NOW),
    );
  });

  it.each(databases.eachSupportedId())(
    'tell one story per model on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.create({
        database: mockServices.database({ knex }),
      });
      const { rows: written, historyFilled } = await seedDemoSloMeasurements({
        store,
        models,
        defaultProvider: 'builtin',
        now: NOW,
      });
      const withSlos = models.filter(m => (m.spec.slos?.length ?? 0) > 0);
      const sloCount = withSlos.reduce((n, m) => n + m.spec.slos!.length, 0);
      expect(written).toBe(sloCount * 30 * 288);
      expect(historyFilled).toHaveLength(sloCount);

      const service = new SloStatusService({
        store,
        models: new ModelCatalog({
          catalog: catalogServiceMock(),
          auth: mockServices.auth(),
        }),
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
        urlReader: { readUrl: jest.fn() },
        providers: [new BuiltInSloProvider(store)],
        defaultProvider: 'builtin',
        windows: [...DEFAULT_BURN_RATE_WINDOWS],
        permissions: new ModelPermissionChecker({
          permissions: mockServices.permissions(),
          ruleset: { getRuleByName: jest.fn() } as any,
        }),
        logger: mockServices.logger.mock(),
      });
      const states: Record<string, string | undefined> = {};
      for (const model of withSlos) {
        const status = await service.computeModelStatus(model, NOW);
        expect(status.errors).toEqual([]);
        states[model.metadata.name] = status.worstState;
      }
      expect(states).toEqual({
        'card-fraud-detector': 'Critical',
        'account-takeover-detector': 'Recovering',
        'search-relevance-ranker': 'Increasing',
        'store-demand-forecaster': 'Acceptable',
        'promo-uplift-regressor': 'Acceptable',
        'support-ticket-triage': 'Acceptable',
        'product-embeddings': 'Acceptable',
        'similar-items-recommender': 'Acceptable',
      });
      const critical = await service.computeModelStatus(
        withSlos.find(m => m.metadata.name === 'card-fraud-detector')!,
        NOW,
      );
      expect(critical.slos[0].summary).toMatch(
        /at this rate the budget is gone in \d+ hours/,
      );

      // Ten minutes later: two new intervals per SLO, except for the three
      // story SLOs, whose last six hours (72 intervals) are written again.
      const later = await seedDemoSloMeasurements({
        store,
        models,
        defaultProvider: 'builtin',
        now: NOW + 10 * 60_000,
      });
      expect(later).toEqual({
        rows: (sloCount - 3) * 2 + 3 * 72,
        historyFilled: [],
      });
      const again = await service.computeModelStatus(
        withSlos.find(m => m.metadata.name === 'account-takeover-detector')!,
        NOW + 10 * 60_000,
      );
      expect(again.worstState).toBe('Recovering');
    },
  );
});
