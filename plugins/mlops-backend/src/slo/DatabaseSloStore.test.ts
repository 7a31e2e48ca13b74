import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseSloStore, SloMeasurement } from './DatabaseSloStore';
import { ModelSloStatus } from './types';

jest.setTimeout(60_000);

const MIN = 60_000;
const REF = 'mlmodel:default/card-fraud-detector';
const T0 = Date.UTC(2026, 10, 20, 0, 0);

function interval(
  i: number,
  good: number,
  total: number,
  slo = 'availability',
): SloMeasurement {
  return {
    slo,
    start: T0 + i * 5 * MIN,
    end: T0 + (i + 1) * 5 * MIN,
    good,
    total,
  };
}

describe('DatabaseSloStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    return {
      knex,
      store: await DatabaseSloStore.create({
        database: mockServices.database({ knex }),
      }),
    };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('sums the intervals that end inside each window', async () => {
      const { store } = await createStore(databaseId);
      // 24 intervals (2 hours); interval i has i bad events out of 100.
      await store.addMeasurements(
        REF,
        Array.from({ length: 24 }, (_, i) => interval(i, 100 - i, 100)),
      );
      await store.addMeasurements(REF, [interval(0, 1, 1, 'latency')]);
      const now = T0 + 24 * 5 * MIN;
      const counts = await store.countsOver(REF, 'availability', now, {
        '5m': 5 * MIN,
        '1h': 60 * MIN,
        '1d': 1440 * MIN,
      });
      expect(counts['5m']).toEqual({ good: 77, total: 100 });
      // The last 12 intervals: bad 12..23.
      expect(counts['1h']).toEqual({ good: 1200 - (12 + 23) * 6, total: 1200 });
      expect(counts['1d']).toEqual({ good: 2400 - (23 * 24) / 2, total: 2400 });
      // Intervals that end after `now` are not counted yet.
      expect(
        (
          await store.countsOver(REF, 'availability', now - 1, {
            '5m': 5 * MIN,
          })
        )['5m'],
      ).toEqual({ good: 78, total: 100 });
    });

    it('buckets intervals by their end', async () => {
      const { store } = await createStore(databaseId);
      await store.addMeasurements(
        REF,
        Array.from({ length: 24 }, (_, i) => interval(i, 90, 100)),
      );
      const buckets = await store.countsPerBucket(
        REF,
        'availability',
        T0,
        T0 + 24 * 5 * MIN,
        60 * MIN,
      );
      expect(buckets).toEqual([
        { start: T0, good: 1080, total: 1200 },
        { start: T0 + 60 * MIN, good: 1080, total: 1200 },
      ]);
      expect(await store.latestEnd(REF, 'availability')).toBe(
        T0 + 24 * 5 * MIN,
      );
      expect(await store.latestEnd(REF, 'nothing')).toBeUndefined();
    });

    it('replaces an interval that is posted again, and writes all rows or none', async () => {
      const { store, knex } = await createStore(databaseId);
      await store.addMeasurements(REF, [interval(0, 90, 100)]);
      await store.addMeasurements(REF, [interval(0, 95, 100)]);
      expect(
        (
          await store.countsOver(REF, 'availability', T0 + 5 * MIN, {
            w: 5 * MIN,
          })
        ).w,
      ).toEqual({ good: 95, total: 100 });

      // The 150th row breaks a NOT NULL constraint: the 149 before it must not stay.
      const rows = Array.from({ length: 200 }, (_, i) =>
        interval(i + 10, 1, 1),
      );
      (rows[149] as any).good = null;
      // Compared as text: the driver's error class may come from another realm.
      const failure = await store.addMeasurements(REF, rows).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(String(failure)).toMatch(
        /NOT NULL constraint failed|violates not-null constraint/,
      );
      expect(
        Number((await knex('slo_measurements').count({ n: '*' }).first())?.n),
      ).toBe(1);
    });

    it('caches statuses, and forgets models that are gone', async () => {
      const { store } = await createStore(databaseId);
      const status: ModelSloStatus = {
        entityRef: REF,
        provider: 'builtin',
        source: 'entity',
        computedAt: new Date(T0).toISOString(),
        slos: [],
        errors: [],
        worstState: 'Critical',
        minBudgetRemaining: -0.25,
        exhausted: true,
      };
      await store.putStatus(REF, 'h1', status);
      await store.putStatus(REF, 'h2', { ...status, minBudgetRemaining: -0.5 });
      expect(await store.getStatus(REF)).toEqual({
        definitionHash: 'h2',
        status: { ...status, minBudgetRemaining: -0.5 },
      });
      await store.putStatus('mlmodel:default/other', 'h', {
        ...status,
        entityRef: 'mlmodel:default/other',
      });
      expect(
        [
          ...(
            await store.getStatuses([
              REF,
              'mlmodel:default/other',
              'mlmodel:default/x',
            ])
          ).keys(),
        ].sort(),
      ).toEqual([REF, 'mlmodel:default/other']);
      expect(await store.deleteStatusesExcept([REF])).toBe(1);
      expect(await store.getStatus('mlmodel:default/other')).toBeUndefined();
    });
  });
});
