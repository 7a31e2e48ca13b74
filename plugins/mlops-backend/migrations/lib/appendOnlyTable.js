// @ts-check

/*
 * Database-side guard for the plugin's audit tables: rows are only ever
 * inserted, and the database refuses anything else so that a bug or a stray
 * script cannot rewrite history.
 *
 * This file sits in a folder of its own because knex takes every file
 * directly in `migrations/` for a migration.
 */

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return ['pg', 'postgres', 'postgresql'].includes(
    String(knex.client.config.client),
  );
}

/** @param {import('knex').Knex} knex */
function isSqlite(knex) {
  return String(knex.client.config.client).includes('sqlite');
}

/**
 * Makes the database refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)
 * on `table`, with an error saying the table is append-only.
 *
 * @param {import('knex').Knex} knex
 * @param {string} table
 */
async function addAppendOnlyTriggers(knex, table) {
  if (isSqlite(knex)) {
    for (const operation of ['UPDATE', 'DELETE']) {
      await knex.raw(`
        CREATE TRIGGER ${table}_no_${operation.toLowerCase()}
        BEFORE ${operation} ON ${table}
        BEGIN
          SELECT RAISE(ABORT, '${table} is append-only');
        END;
      `);
    }
  } else if (isPostgres(knex)) {
    await knex.raw(`
      CREATE FUNCTION ${table}_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '${table} is append-only';
      END
      $$;
    `);
    // EXECUTE PROCEDURE (rather than FUNCTION) also works before PostgreSQL 11.
    await knex.raw(`
      CREATE TRIGGER ${table}_append_only
      BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE PROCEDURE ${table}_refuse_change();
    `);
    await knex.raw(`
      CREATE TRIGGER ${table}_no_truncate
      BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE PROCEDURE ${table}_refuse_change();
    `);
  }
}

/**
 * Removes what {@link addAppendOnlyTriggers} created, so that `table` can be
 * dropped and created again without leftovers.
 *
 * @param {import('knex').Knex} knex
 * @param {string} table
 */
async function dropAppendOnlyTriggers(knex, table) {
  if (isSqlite(knex)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_delete`);
  } else if (isPostgres(knex)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
    await knex.raw(`DROP FUNCTION IF EXISTS ${table}_refuse_change()`);
  }
}

module.exports = { addAppendOnlyTriggers, dropAppendOnlyTriggers };
