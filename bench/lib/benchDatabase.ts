/*
 * The databases a benchmark backend runs on: SQLite in memory (as in
 * TestDatabases' SQLITE_3 and a default dev backend) or fresh PostgreSQL
 * databases that are dropped at the end. Each plugin gets its own database,
 * as in a real backend (plugins share migration table names).
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';

export type BenchDatabaseKind = 'sqlite' | 'postgres';

export interface BenchDatabase {
  kind: BenchDatabaseKind;
  /** The catalog's database. */
  knex: Knex;
  /** The database of one plugin, created on first use. */
  getClient(pluginId: string): Promise<Knex>;
  /** Reclaims dead rows, so that the next measured step meets the same state. */
  compact(): Promise<void>;
  drop(): Promise<void>;
}

export const PG_CONNECTION =
  process.env.BENCH_PG_CONNECTION_STRING ??
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://mlops:mlops@localhost:5432';

export async function createBenchDatabase(
  kind: BenchDatabaseKind,
): Promise<BenchDatabase> {
  const prefix = `mlops_bench_${randomBytes(6).toString('hex')}`;
  const inDatabase = (database: string) => {
    const url = new URL(PG_CONNECTION);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const adminUrl = inDatabase('postgres');
  const created: string[] = [];

  const open = async (pluginId: string): Promise<Knex> => {
    if (kind === 'sqlite') {
      return knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
    }
    const name = `${prefix}_${pluginId}`;
    const admin = knexFactory({ client: 'pg', connection: adminUrl });
    await admin.raw('CREATE DATABASE ??', [name]);
    await admin.destroy();
    created.push(name);
    return knexFactory({ client: 'pg', connection: inDatabase(name) });
  };

  const catalog = await open('catalog');
  const plugins = new Map<string, Promise<Knex>>([
    ['catalog', Promise.resolve(catalog)],
  ]);
  const all = () => Promise.all(plugins.values());

  return {
    kind,
    knex: catalog,
    getClient(pluginId) {
      if (!plugins.has(pluginId)) plugins.set(pluginId, open(pluginId));
      return plugins.get(pluginId)!;
    },
    async compact() {
      for (const knex of await all()) {
        await knex.raw(kind === 'postgres' ? 'VACUUM ANALYZE' : 'VACUUM');
      }
    },
    async drop() {
      for (const knex of await all()) await knex.destroy();
      if (created.length) {
        const admin = knexFactory({ client: 'pg', connection: adminUrl });
        for (const name of created) {
          await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
        }
        await admin.destroy();
      }
    },
  };
}

/** The backend's database service, handing each plugin its own bench database. */
export function benchDatabaseServiceFactory(database: BenchDatabase) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient: () => database.getClient(plugin.getId()),
    }),
  });
}
