import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseReadinessReviewStore } from './DatabaseReadinessReviewStore';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@mlops-portal/plugin-mlops-backend',
  'migrations',
);

const TABLES = {
  readiness_reviews: [
    'id',
    'model_ref',
    'version',
    'status',
    'review',
    'revision',
    'created_at',
    'updated_at',
  ],
  readiness_review_audit_log: [
    'id',
    'review_id',
    'model_ref',
    'version',
    'action',
    'actor',
    'occurred_at',
    'before_status',
    'after_status',
    'details',
  ],
};

async function columnsOf(knex: Knex, table: string) {
  return Object.keys(await knex(table).columnInfo()).sort();
}

describe('migrations', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('creates the tables on the way up and removes them on the way down', async () => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest({ directory: migrationsDir });
      for (const [table, columns] of Object.entries(TABLES)) {
        expect(await knex.schema.hasTable(table)).toBe(true);
        expect(await columnsOf(knex, table)).toEqual([...columns].sort());
      }

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of Object.keys(TABLES)) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      // Up again after down: nothing (triggers, functions) was left behind.
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('readiness_review_audit_log')).toBe(
        true,
      );
    });

    it('runs the migrations when the store is created, unless told to skip them', async () => {
      const skipped = await databases.init(databaseId);
      await DatabaseReadinessReviewStore.create({
        database: mockServices.database({
          knex: skipped,
          migrations: { skip: true },
        }),
      });
      expect(await skipped.schema.hasTable('readiness_reviews')).toBe(false);

      const migrated = await databases.init(databaseId);
      await DatabaseReadinessReviewStore.create({
        database: mockServices.database({ knex: migrated }),
      });
      expect(await migrated.schema.hasTable('readiness_reviews')).toBe(true);
    });
  });

  it('takes only the dated files for migrations, not the code they share', async () => {
    const knex = await databases.init('SQLITE_3');

    const [, pending] = await knex.migrate.list({ directory: migrationsDir });

    const files: string[] = pending.map((m: { file: string }) => m.file);
    expect(files).toContain('20261126120000_readiness_reviews.js');
    expect(files).toContain('20261127020000_rollout_actions.js');
    expect(files.filter(file => !/^\d{14}_[a-z_]+\.js$/.test(file))).toEqual(
      [],
    );
  });

  if (databases.supports('POSTGRES_15')) {
    it('documents every table and column with a comment (PostgreSQL)', async () => {
      const knex = await databases.init('POSTGRES_15');
      await knex.migrate.latest({ directory: migrationsDir });

      const { rows } = await knex.raw(
        `select c.relname as table_name, a.attname as column_name,
                col_description(c.oid, a.attnum) as comment
           from pg_class c
           join pg_attribute a on a.attrelid = c.oid
          where c.relname = any(?) and a.attnum > 0 and not a.attisdropped`,
        [Object.keys(TABLES)],
      );
      expect(rows).toHaveLength(
        Object.values(TABLES).reduce((n, columns) => n + columns.length, 0),
      );
      expect(
        rows.filter((row: { comment: string | null }) => !row.comment),
      ).toEqual([]);
      const tableComments = await knex.raw(
        `select relname, obj_description(oid, 'pg_class') as comment
           from pg_class where relname = any(?)`,
        [Object.keys(TABLES)],
      );
      expect(
        tableComments.rows.every(
          (row: { comment: string | null }) => row.comment,
        ),
      ).toBe(true);
    });
  }
});
