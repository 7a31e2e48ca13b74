// @ts-check

/*
 * Readiness reviews of model versions and their append-only audit log.
 *
 * A review is stored as one JSON document (the shape the readiness engine in
 * @mlops-portal/plugin-mlops-common reads and writes) next to the few columns
 * that queries filter and sort on. `revision` makes concurrent writers safe:
 * every update is guarded by the revision it read.
 */

const {
  addAppendOnlyTriggers,
  dropAppendOnlyTriggers,
} = require('./lib/appendOnlyTable');

const REVIEWS = 'readiness_reviews';
const AUDIT = 'readiness_review_audit_log';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(REVIEWS, table => {
    table.comment('Production-readiness reviews of MLModel versions');
    table
      .string('id', 64)
      .primary()
      .notNullable()
      .comment('Review id, assigned when the review is opened');
    table
      .string('model_ref', 255)
      .notNullable()
      .comment('Canonical, lower-case entity ref of the MLModel under review');
    table
      .string('version', 255)
      .notNullable()
      .comment('The model version under review (an entry of spec.versions)');
    table
      .string('status', 32)
      .notNullable()
      .comment(
        'Stored status: open, changes-requested, approved, stale or withdrawn (expiry is computed when read)',
      );
    table
      .text('review')
      .notNullable()
      .comment(
        'The whole review as JSON: checklist, automatic results, attestations, decisions, approval',
      );
    table
      .integer('revision')
      .notNullable()
      .comment(
        'Incremented by every write; updates are guarded by it (optimistic concurrency)',
      );
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the review was opened');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the review last changed');
    table.index(
      ['model_ref', 'version'],
      'readiness_reviews_model_version_idx',
    );
    table.index(['status'], 'readiness_reviews_status_idx');
  });

  await knex.schema.createTable(AUDIT, table => {
    table.comment(
      'Append-only record of every change to a readiness review; rows are never updated or deleted',
    );
    table
      .bigIncrements('id')
      .primary()
      .comment('Sequence number; orders the events of a review');
    table
      .string('review_id', 64)
      .notNullable()
      .references('id')
      .inTable(REVIEWS)
      .comment('The review the event belongs to');
    table
      .string('model_ref', 255)
      .notNullable()
      .comment('Canonical entity ref of the MLModel, copied for auditors');
    table
      .string('version', 255)
      .notNullable()
      .comment('The model version under review, copied for auditors');
    table
      .string('action', 64)
      .notNullable()
      .comment(
        'What happened, e.g. review.open, review.attest, review.approve',
      );
    table
      .string('actor', 255)
      .notNullable()
      .comment(
        'Who did it: a user entity ref, or the subject of a service principal',
      );
    table
      .timestamp('occurred_at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table
      .string('before_status', 32)
      .nullable()
      .comment('Status before the change (null when the review was opened)');
    table
      .string('after_status', 32)
      .notNullable()
      .comment(
        'Status after the change (expired when the approval had run out)',
      );
    table
      .text('details')
      .notNullable()
      .comment(
        'JSON details of the change: evidence URL, comment, check results, …',
      );
    table.index(['review_id'], 'readiness_review_audit_log_review_idx');
  });

  // The store only ever inserts into the audit log; the database refuses
  // anything else so that a bug or a stray script cannot rewrite history.
  await addAppendOnlyTriggers(knex, AUDIT);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await dropAppendOnlyTriggers(knex, AUDIT);
  await knex.schema.dropTable(AUDIT);
  await knex.schema.dropTable(REVIEWS);
};
