import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { SloBucketCounts, SloCounts } from '@mlops-portal/plugin-mlops-common';
import { Knex } from 'knex';
import { ModelSloStatus } from './types';

const migrationsDir = resolvePackagePath(
  '@mlops-portal/plugin-mlops-backend',
  'migrations',
);

const MEASUREMENTS = 'slo_measurements';
const STATUS = 'slo_status_cache';

/** SQLite keeps a statement's bound values well below this. */
const ROWS_PER_INSERT = 100;
const REFS_PER_QUERY = 500;

/** One interval of SLI counts. */
export interface SloMeasurement {
  slo: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  good: number;
  total: number;
}

/** A row of `slo_status_cache`. */
type StatusRow = {
  model_ref: string;
  provider: string;
  definition_hash: string;
  worst_state: string | null;
  min_budget_remaining: number | string | null;
  exhausted: boolean | number;
  status: string;
  computed_at: Date | string;
};

/** A cached status with the hash it was computed for. */
export interface CachedSloStatus {
  definitionHash: string;
  status: ModelSloStatus;
}

/**
 * The built-in SLO store and the status cache, on the plugin's database
 * (SQLite or PostgreSQL).
 */
export class DatabaseSloStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSloStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseSloStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Stores measurements of one model in one transaction: all rows or none.
   * A row for an interval that is already stored replaces it, so that a
   * client may re-post after a timeout.
   */
  async addMeasurements(
    modelRef: string,
    measurements: SloMeasurement[],
    receivedAt: Date = new Date(),
  ): Promise<number> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < measurements.length; i += ROWS_PER_INSERT) {
        const rows = measurements.slice(i, i + ROWS_PER_INSERT).map(m => ({
          model_ref: modelRef,
          slo_name: m.slo,
          start_ms: m.start,
          end_ms: m.end,
          good: m.good,
          total: m.total,
          received_at: receivedAt,
        }));
        await tx(MEASUREMENTS)
          .insert(rows)
          .onConflict(['model_ref', 'slo_name', 'start_ms'])
          .merge(['end_ms', 'good', 'total', 'received_at']);
      }
    });
    return measurements.length;
  }

  /** The latest interval end of an SLO, or `undefined` without measurements. */
  async latestEnd(modelRef: string, slo: string): Promise<number | undefined> {
    const row = await this.db(MEASUREMENTS)
      .where({ model_ref: modelRef, slo_name: slo })
      .max({ latest: 'end_ms' })
      .first();
    return row?.latest === null || row?.latest === undefined
      ? undefined
      : Number(row.latest);
  }

  /** The earliest interval start of an SLO, or `undefined` without measurements. */
  async earliestStart(
    modelRef: string,
    slo: string,
  ): Promise<number | undefined> {
    const row = await this.db(MEASUREMENTS)
      .where({ model_ref: modelRef, slo_name: slo })
      .min({ earliest: 'start_ms' })
      .first();
    return row?.earliest === null || row?.earliest === undefined
      ? undefined
      : Number(row.earliest);
  }

  /**
   * Counts over each of several periods that end at `now`, in one query:
   * the intervals that end within (now − length, now].
   */
  async countsOver(
    modelRef: string,
    slo: string,
    now: number,
    periods: Record<string, number>,
  ): Promise<Record<string, SloCounts>> {
    const entries = Object.entries(periods);
    if (entries.length === 0) return {};
    const longest = Math.max(...entries.map(([, ms]) => ms));
    const columns = entries.flatMap(([, ms], i) => [
      this.db.raw(`SUM(CASE WHEN end_ms > ? THEN good ELSE 0 END) AS g${i}`, [
        now - ms,
      ]),
      this.db.raw(`SUM(CASE WHEN end_ms > ? THEN total ELSE 0 END) AS t${i}`, [
        now - ms,
      ]),
    ]);
    const row = await this.db(MEASUREMENTS)
      .where({ model_ref: modelRef, slo_name: slo })
      .andWhere('end_ms', '>', now - longest)
      .andWhere('end_ms', '<=', now)
      .select(columns)
      .first();
    return Object.fromEntries(
      entries.map(([key], i) => [
        key,
        {
          good: Number(row?.[`g${i}`] ?? 0),
          total: Number(row?.[`t${i}`] ?? 0),
        },
      ]),
    );
  }

  /**
   * Counts per bucket of `bucketMs` from `from` to `now`, by interval end:
   * an interval belongs to the bucket its end falls in (start exclusive,
   * end inclusive), the same rule as the windows.
   */
  async countsPerBucket(
    modelRef: string,
    slo: string,
    from: number,
    now: number,
    bucketMs: number,
  ): Promise<SloBucketCounts[]> {
    // The bucket index: (end_ms − from − 1) div bucketMs, written with the
    // remainder operator because SQLite and PostgreSQL both have it for
    // integers, and not the same floor division.
    const offset = this.db.raw('(end_ms - ? - 1)', [from]);
    const rows: Array<{
      bucket: number | string;
      good: number | string;
      total: number | string;
    }> = await this.db(MEASUREMENTS)
      .where({ model_ref: modelRef, slo_name: slo })
      .andWhere('end_ms', '>', from)
      .andWhere('end_ms', '<=', now)
      .select(
        this.db.raw(`(${offset} - (${offset} % ?)) AS bucket`, [bucketMs]),
        this.db.raw('SUM(good) AS good'),
        this.db.raw('SUM(total) AS total'),
      )
      .groupBy('bucket')
      .orderBy('bucket');
    return rows.map(r => ({
      start: from + Number(r.bucket),
      good: Number(r.good),
      total: Number(r.total),
    }));
  }

  async getStatus(modelRef: string): Promise<CachedSloStatus | undefined> {
    const row = await this.db<StatusRow>(STATUS)
      .where({ model_ref: modelRef })
      .first();
    return row
      ? {
          definitionHash: row.definition_hash,
          status: JSON.parse(row.status) as ModelSloStatus,
        }
      : undefined;
  }

  /** Cached statuses of many models (without chart series), by ref. */
  async getStatuses(modelRefs: string[]): Promise<Map<string, ModelSloStatus>> {
    const result = new Map<string, ModelSloStatus>();
    for (let i = 0; i < modelRefs.length; i += REFS_PER_QUERY) {
      const rows = await this.db<StatusRow>(STATUS)
        .whereIn('model_ref', modelRefs.slice(i, i + REFS_PER_QUERY))
        .select();
      for (const row of rows) {
        result.set(row.model_ref, JSON.parse(row.status) as ModelSloStatus);
      }
    }
    return result;
  }

  async putStatus(
    modelRef: string,
    definitionHash: string,
    status: ModelSloStatus,
  ): Promise<void> {
    const row: StatusRow = {
      model_ref: modelRef,
      provider: status.provider,
      definition_hash: definitionHash,
      worst_state: status.worstState ?? null,
      min_budget_remaining: status.minBudgetRemaining ?? null,
      exhausted: status.exhausted,
      status: JSON.stringify(status),
      computed_at: new Date(status.computedAt),
    };
    await this.db<StatusRow>(STATUS)
      .insert(row)
      .onConflict('model_ref')
      .merge();
  }

  /** Drops cache entries of models that are no longer in the catalog. */
  async deleteStatusesExcept(modelRefs: string[]): Promise<number> {
    const keep = new Set(modelRefs);
    const rows = await this.db<StatusRow>(STATUS).select('model_ref');
    const gone = rows.map(r => r.model_ref).filter(ref => !keep.has(ref));
    for (let i = 0; i < gone.length; i += REFS_PER_QUERY) {
      await this.db(STATUS)
        .whereIn('model_ref', gone.slice(i, i + REFS_PER_QUERY))
        .delete();
    }
    return gone.length;
  }
}
