// @ts-check

/*
 * The append-only record of every action taken on a model's canary through
 * the portal: who promoted, aborted, retried or re-weighted which rollout,
 * the state before and after, and the gate's verdict with any override.
 */

const {
  addAppendOnlyTriggers,
  dropAppendOnlyTriggers,
} = require('./lib/appendOnlyTable');

const TABLE = 'rollout_actions';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(TABLE, table => {
    table.comment(
      'Append-only record of canary actions taken through the portal; rows are never updated or deleted',
    );
    table
      .bigIncrements('id')
      .primary()
      .comment('Sequence number; orders the actions');
    table
      .string('model_ref', 255)
      .notNullable()
      .comment('Canonical entity ref of the MLModel whose canary was acted on');
    table
      .string('cluster', 255)
      .notNullable()
      .comment('Cluster name from kubernetes.clusterLocatorMethods');
    table
      .string('namespace', 255)
      .notNullable()
      .comment('Kubernetes namespace of the workload');
    table
      .string('workload_kind', 32)
      .notNullable()
      .comment('Rollout (Argo Rollouts) or InferenceService (KServe)');
    table
      .string('workload_name', 255)
      .notNullable()
      .comment('Name of the Rollout or InferenceService');
    table
      .string('action', 32)
      .notNullable()
      .comment('promote, promoteFull, abort, retry or setWeight');
    table
      .integer('weight')
      .nullable()
      .comment(
        'The canary weight asked for by setWeight; null for other actions',
      );
    table
      .string('actor', 255)
      .notNullable()
      .comment(
        'Who acted: a user entity ref, or the subject of a service principal',
      );
    table
      .timestamp('occurred_at', { useTz: true })
      .notNullable()
      .comment('When the cluster accepted the change');
    table
      .string('before_resource_version', 64)
      .notNullable()
      .comment('resourceVersion of the workload the action was decided on');
    table
      .string('after_resource_version', 64)
      .notNullable()
      .comment('resourceVersion of the workload after the action');
    table
      .text('before_state')
      .notNullable()
      .comment(
        'JSON summary of the rollout state before: phase, weights, step, versions',
      );
    table
      .text('after_state')
      .notNullable()
      .comment('JSON summary of the rollout state right after the patch');
    table
      .boolean('override')
      .notNullable()
      .defaultTo(false)
      .comment('True when promoteFull went ahead despite a failing gate');
    table
      .text('justification')
      .nullable()
      .comment('The written justification of an override; null otherwise');
    table
      .text('gate')
      .nullable()
      .comment(
        'JSON of the gate decision for promoteFull (checks and reasons); null for other actions',
      );
    table.index(['model_ref', 'id'], 'rollout_actions_model_idx');
  });

  // Rows are only ever inserted; the database refuses anything else so
  // that a bug or a stray script cannot rewrite history.
  await addAppendOnlyTriggers(knex, TABLE);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await dropAppendOnlyTriggers(knex, TABLE);
  await knex.schema.dropTable(TABLE);
};
