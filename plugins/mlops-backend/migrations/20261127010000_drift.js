// @ts-check

/*
 * Data drift: the reference profile of each model version (with its bin cut
 * points, frozen when the reference is stored) and the windows of production
 * data evaluated against it, each with the full per-feature result.
 *
 * Profiles and results are JSON documents in the shapes of the drift engine
 * in @mlops-portal/plugin-mlops-common; the columns beside them are the ones
 * queries filter and sort on.
 */

const REFERENCES = 'drift_references';
const WINDOWS = 'drift_windows';

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(REFERENCES, table => {
    table.comment(
      'Reference profiles (usually training data) per MLModel version',
    );
    table
      .string('model_ref', 255)
      .notNullable()
      .comment('Canonical, lower-case entity ref of the MLModel');
    table
      .string('version', 255)
      .notNullable()
      .comment('The model version (an entry of spec.versions)');
    table
      .string('source', 16)
      .notNullable()
      .comment(
        'How the reference arrived: raw (rows profiled here) or profile (pre-aggregated)',
      );
    table.integer('row_count').notNullable().comment('Rows in the reference');
    table
      .text('features')
      .notNullable()
      .comment(
        'JSON: the feature schema (name, type) the reference was validated against',
      );
    table
      .text('profile', 'longtext')
      .notNullable()
      .comment(
        'JSON DriftReferenceProfile: per feature the frozen cut points and counts, raw values when kept',
      );
    table
      .string('created_by', 255)
      .notNullable()
      .comment(
        'Entity ref of the user or subject of the service that stored the reference',
      );
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the reference was stored');
    table.primary(['model_ref', 'version'], 'drift_references_pk');
  });

  await knex.schema.createTable(WINDOWS, table => {
    table.comment(
      'Windows of production data, each evaluated against its version reference',
    );
    table
      .string('id', 64)
      .primary()
      .notNullable()
      .comment('Window id, assigned when the window is posted');
    table
      .string('model_ref', 255)
      .notNullable()
      .comment('Canonical, lower-case entity ref of the MLModel');
    table
      .string('version', 255)
      .notNullable()
      .comment(
        'The model version whose reference the window was compared with',
      );
    table
      .timestamp('window_start', { useTz: true })
      .nullable()
      .comment('Start of the period the data covers, when the sender gave one');
    table
      .timestamp('window_end', { useTz: true })
      .notNullable()
      .comment(
        'End of the period the data covers (the time of posting when not given); trends sort on it',
      );
    table
      .string('source', 16)
      .notNullable()
      .comment(
        'raw (rows profiled here) or profile (pre-aggregated histograms)',
      );
    table.integer('row_count').notNullable().comment('Rows in the window');
    table
      .boolean('drifted')
      .notNullable()
      .comment(
        'Dataset verdict: share of drifted features at or above drift_share_threshold',
      );
    table
      .float('drifted_share', 53)
      .notNullable()
      .comment('Drifted features divided by features with a verdict');
    table
      .float('drift_share_threshold', 53)
      .notNullable()
      .comment('The share that flags the dataset (0.5 by default)');
    table
      .integer('drifted_features')
      .notNullable()
      .comment('How many features drifted');
    table
      .integer('feature_count')
      .notNullable()
      .comment('How many features were compared');
    table
      .text('result', 'longtext')
      .notNullable()
      .comment(
        'JSON DatasetDriftResult: per feature test, statistic, p-value or threshold, verdict, sizes, flags and bins',
      );
    table
      .string('created_by', 255)
      .notNullable()
      .comment(
        'Entity ref of the user or subject of the service that posted the window',
      );
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the window was received');
    table.index(
      ['model_ref', 'version', 'window_end'],
      'drift_windows_model_version_end_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable(WINDOWS);
  await knex.schema.dropTable(REFERENCES);
};
