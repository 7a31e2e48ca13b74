import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { RolloutActionRecord, RolloutActionStore } from './RolloutActionStore';

const migrationsDir = resolvePackagePath(
  '@mlops-portal/plugin-mlops-backend',
  'migrations',
);

const TABLE = 'rollout_actions';

/** A row of `rollout_actions`. */
type RolloutActionRow = {
  id: number | string;
  model_ref: string;
  cluster: string;
  namespace: string;
  workload_kind: string;
  workload_name: string;
  action: string;
  weight: number | null;
  actor: string;
  occurred_at: Date | string;
  before_resource_version: string;
  after_resource_version: string;
  before_state: string;
  after_state: string;
  override: boolean | number;
  justification: string | null;
  gate: string | null;
};

function toRecord(row: RolloutActionRow): RolloutActionRecord {
  return {
    id: String(row.id),
    modelRef: row.model_ref,
    cluster: row.cluster,
    namespace: row.namespace,
    workloadKind: row.workload_kind as RolloutActionRecord['workloadKind'],
    workloadName: row.workload_name,
    action: row.action as RolloutActionRecord['action'],
    weight:
      row.weight === null || row.weight === undefined
        ? null
        : Number(row.weight),
    actor: row.actor,
    occurredAt: new Date(row.occurred_at).toISOString(),
    beforeResourceVersion: row.before_resource_version,
    afterResourceVersion: row.after_resource_version,
    before: JSON.parse(row.before_state),
    after: JSON.parse(row.after_state),
    override: !!row.override,
    justification: row.justification,
    gate: row.gate ? JSON.parse(row.gate) : null,
  };
}

/** {@link RolloutActionStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseRolloutActionStore implements RolloutActionStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRolloutActionStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRolloutActionStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async append(
    record: Omit<RolloutActionRecord, 'id'>,
  ): Promise<RolloutActionRecord> {
    const row: Omit<RolloutActionRow, 'id'> = {
      model_ref: record.modelRef,
      cluster: record.cluster,
      namespace: record.namespace,
      workload_kind: record.workloadKind,
      workload_name: record.workloadName,
      action: record.action,
      weight: record.weight,
      actor: record.actor,
      occurred_at: new Date(record.occurredAt),
      before_resource_version: record.beforeResourceVersion,
      after_resource_version: record.afterResourceVersion,
      before_state: JSON.stringify(record.before),
      after_state: JSON.stringify(record.after),
      override: record.override,
      justification: record.justification,
      gate: record.gate ? JSON.stringify(record.gate) : null,
    };
    const [inserted] = await this.db(TABLE).insert(row).returning('id');
    const id =
      typeof inserted === 'object' ? (inserted as { id: number }).id : inserted;
    return { ...record, id: String(id) };
  }

  async listForModel(
    modelRef: string,
    options?: { limit?: number },
  ): Promise<RolloutActionRecord[]> {
    const rows = await this.db<RolloutActionRow>(TABLE)
      .where({ model_ref: modelRef })
      .orderBy('id', 'desc')
      .limit(options?.limit ?? 50);
    return rows.map(toRecord);
  }
}
