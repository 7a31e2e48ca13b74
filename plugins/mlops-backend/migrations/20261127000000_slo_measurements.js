// @ts-check

/*
 * The built-in SLO store: SLI counts per interval posted by services (or
 * seeded for the demo), and the cache of computed SLO statuses that the
 * Models page and the roll-up read, so that neither ever queries a provider.
 *
 * Times are epoch milliseconds in bigints: windows and chart buckets are
 * computed with integer arithmetic that SQLite and PostgreSQL agree on.
 */

const MEASUREMENTS = 'slo_measurements';
const STATUS = 'slo_status_cache';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(MEASUREMENTS, table => {
    table.comment(
      'SLI counts per interval for models on the built-in SLO provider',
    );
    table
      .string('model_ref', 255)
      .notNullable()
      .comment('Canonical, lower-case entity ref of the MLModel');
    table
      .string('slo_name', 63)
      .notNullable()
      .comment('Name of the SLO in the model (spec.slos[].name)');
    table
      .bigInteger('start_ms')
      .notNullable()
      .comment('Start of the interval, epoch milliseconds (inclusive)');
    table
      .bigInteger('end_ms')
      .notNullable()
      .comment(
        'End of the interval, epoch milliseconds (exclusive); windows select intervals by their end',
      );
    table.double('good').notNullable().comment('Good events in the interval');
    table
      .double('total')
      .notNullable()
      .comment('All events in the interval (good ≤ total)');
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .comment(
        'When the counts were posted; a later post for the same interval replaces them',
      );
    table.primary(['model_ref', 'slo_name', 'start_ms']);
    table.index(
      ['model_ref', 'slo_name', 'end_ms'],
      'slo_measurements_end_idx',
    );
  });

  await knex.schema.createTable(STATUS, table => {
    table.comment('Computed SLO status per model, refreshed by the scheduler');
    table
      .string('model_ref', 255)
      .primary()
      .notNullable()
      .comment('Canonical, lower-case entity ref of the MLModel');
    table
      .string('provider', 32)
      .notNullable()
      .comment('The provider that served the numbers: builtin or prometheus');
    table
      .string('definition_hash', 64)
      .notNullable()
      .comment(
        'Hash of the SLO definitions and provider; a change makes the entry stale',
      );
    table
      .string('worst_state', 16)
      .nullable()
      .comment(
        'Worst state among the SLOs: Critical, Increasing, Recovering, Acceptable (null without SLOs)',
      );
    table
      .double('min_budget_remaining')
      .nullable()
      .comment(
        'Smallest remaining error budget among the SLOs (can be negative)',
      );
    table
      .boolean('exhausted')
      .notNullable()
      .comment('Whether some SLO has spent its whole error budget');
    table
      .text('status')
      .notNullable()
      .comment(
        'The whole status as JSON: every SLO with its numbers, alerts and chart series',
      );
    table
      .timestamp('computed_at', { useTz: true })
      .notNullable()
      .comment('When the status was computed');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable(STATUS);
  await knex.schema.dropTable(MEASUREMENTS);
};
