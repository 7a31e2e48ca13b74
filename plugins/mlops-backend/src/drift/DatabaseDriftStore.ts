import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  driftKey,
  DriftStore,
  DriftWindowSummary,
  StoredDriftReference,
  StoredDriftWindow,
} from './DriftStore';

const migrationsDir = resolvePackagePath(
  '@mlops-portal/plugin-mlops-backend',
  'migrations',
);

const REFERENCES = 'drift_references';
const WINDOWS = 'drift_windows';

type ReferenceRow = {
  model_ref: string;
  version: string;
  source: string;
  row_count: number;
  features: string;
  profile: string;
  created_by: string;
  created_at: Date | string;
};

type WindowRow = {
  id: string;
  model_ref: string;
  version: string;
  window_start: Date | string | null;
  window_end: Date | string;
  source: string;
  row_count: number;
  drifted: boolean | number;
  drifted_share: number;
  drift_share_threshold: number;
  drifted_features: number;
  feature_count: number;
  result: string;
  created_by: string;
  created_at: Date | string;
};

const SUMMARY_COLUMNS = [
  'id',
  'model_ref',
  'version',
  'window_start',
  'window_end',
  'source',
  'row_count',
  'drifted',
  'drifted_share',
  'drift_share_threshold',
  'drifted_features',
  'feature_count',
  'created_by',
  'created_at',
];

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * JSON without losing the statistics JSON cannot spell: an infinite
 * chi-square statistic (a category new in the window) and NaN (no data).
 */
function stringifyResult(value: unknown): string {
  return JSON.stringify(value, (_, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      if (Number.isNaN(v)) return { nonFinite: 'NaN' };
      return { nonFinite: v > 0 ? 'Infinity' : '-Infinity' };
    }
    return v;
  });
}

function parseResult<T>(text: string): T {
  return JSON.parse(text, (_, v) => {
    if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.keys(v).length === 1 &&
      typeof v.nonFinite === 'string'
    ) {
      return Number(v.nonFinite);
    }
    return v;
  });
}

function summaryOf(row: Omit<WindowRow, 'result'>): DriftWindowSummary {
  return {
    id: row.id,
    modelRef: row.model_ref,
    version: row.version,
    windowStart: row.window_start ? toDate(row.window_start) : undefined,
    windowEnd: toDate(row.window_end),
    source: row.source as DriftWindowSummary['source'],
    rowCount: Number(row.row_count),
    drifted: Boolean(row.drifted),
    shareOfDriftedFeatures: Number(row.drifted_share),
    driftShare: Number(row.drift_share_threshold),
    numberOfDriftedFeatures: Number(row.drifted_features),
    numberOfFeatures: Number(row.feature_count),
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
  };
}

/** {@link DriftStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseDriftStore implements DriftStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseDriftStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseDriftStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getReference(modelRef: string, version: string) {
    const row = await this.db<ReferenceRow>(REFERENCES)
      .where({ model_ref: modelRef, version })
      .first();
    if (!row) return undefined;
    return {
      modelRef: row.model_ref,
      version: row.version,
      source: row.source as StoredDriftReference['source'],
      rowCount: Number(row.row_count),
      features: JSON.parse(row.features),
      profile: JSON.parse(row.profile),
      createdBy: row.created_by,
      createdAt: toDate(row.created_at),
    };
  }

  async listReferences(modelRef: string) {
    const references = await this.db<ReferenceRow>(REFERENCES)
      .where({ model_ref: modelRef })
      .select('version', 'created_at')
      .orderBy('created_at', 'desc');
    const counts: Array<{ version: string; windows: number | string }> =
      await this.db(WINDOWS)
        .where({ model_ref: modelRef })
        .groupBy('version')
        .select('version')
        .count({ windows: '*' });
    const windowsOf = new Map(
      counts.map(c => [String(c.version), Number(c.windows)]),
    );
    return references.map(r => ({
      version: r.version,
      createdAt: toDate(r.created_at),
      windows: windowsOf.get(r.version) ?? 0,
    }));
  }

  async putReference(reference: StoredDriftReference) {
    return this.db.transaction(async tx => {
      const key = { model_ref: reference.modelRef, version: reference.version };
      const existing = await tx(REFERENCES).where(key).first('version');
      if (existing) {
        const windows = await tx(WINDOWS).where(key).first('id');
        if (windows) return { stored: false, replaced: false };
        await tx(REFERENCES).where(key).delete();
      }
      await tx<ReferenceRow>(REFERENCES).insert({
        ...key,
        source: reference.source,
        row_count: reference.rowCount,
        features: JSON.stringify(reference.features),
        profile: JSON.stringify(reference.profile),
        created_by: reference.createdBy,
        created_at: reference.createdAt,
      });
      return { stored: true, replaced: Boolean(existing) };
    });
  }

  async addWindow(window: StoredDriftWindow) {
    return this.db.transaction(async tx => {
      const reference = await tx(REFERENCES)
        .where({ model_ref: window.modelRef, version: window.version })
        .first('version');
      if (!reference) return false;
      await tx<WindowRow>(WINDOWS).insert({
        id: window.id,
        model_ref: window.modelRef,
        version: window.version,
        window_start: window.windowStart ?? null,
        window_end: window.windowEnd,
        source: window.source,
        row_count: window.rowCount,
        drifted: window.result.drifted,
        drifted_share: window.result.shareOfDriftedFeatures,
        drift_share_threshold: window.result.driftShare,
        drifted_features: window.result.numberOfDriftedFeatures,
        feature_count: window.result.numberOfFeatures,
        result: stringifyResult(window.result),
        created_by: window.createdBy,
        created_at: window.createdAt,
      });
      return true;
    });
  }

  async getLatestWindow(modelRef: string, version: string) {
    const row = await this.db<WindowRow>(WINDOWS)
      .where({ model_ref: modelRef, version })
      .orderBy([
        { column: 'window_end', order: 'desc' },
        { column: 'created_at', order: 'desc' },
      ])
      .first();
    if (!row) return undefined;
    return {
      ...summaryOf(row),
      result: parseResult<StoredDriftWindow['result']>(row.result),
    };
  }

  async listWindowSummaries(modelRef: string, version: string, limit: number) {
    const rows: WindowRow[] = await this.db(WINDOWS)
      .where({ model_ref: modelRef, version })
      .orderBy([
        { column: 'window_end', order: 'desc' },
        { column: 'created_at', order: 'desc' },
      ])
      .limit(limit)
      .select(SUMMARY_COLUMNS);
    return rows.map(summaryOf).reverse();
  }

  async getLatestSummaries(keys: Array<{ modelRef: string; version: string }>) {
    const result = new Map<string, DriftWindowSummary>();
    if (keys.length === 0) return result;
    const latest = this.db(WINDOWS)
      .select('model_ref', 'version')
      .max({ latest_end: 'window_end' })
      .whereIn(
        ['model_ref', 'version'],
        keys.map(k => [k.modelRef, k.version]),
      )
      .groupBy('model_ref', 'version')
      .as('latest');
    const rows: WindowRow[] = await this.db(WINDOWS)
      .join(latest, function joinLatest() {
        this.on(`${WINDOWS}.model_ref`, '=', 'latest.model_ref')
          .andOn(`${WINDOWS}.version`, '=', 'latest.version')
          .andOn(`${WINDOWS}.window_end`, '=', 'latest.latest_end');
      })
      .select(SUMMARY_COLUMNS.map(c => `${WINDOWS}.${c}`))
      .orderBy(`${WINDOWS}.created_at`, 'asc');
    for (const row of rows) {
      // Same end time twice: the later receipt wins (rows come oldest first).
      result.set(driftKey(row.model_ref, row.version), summaryOf(row));
    }
    return result;
  }

  async isEmpty() {
    const reference = await this.db(REFERENCES).first('version');
    return !reference;
  }
}
