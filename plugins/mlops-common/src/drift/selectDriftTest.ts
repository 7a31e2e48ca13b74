import { DriftFeatureType, isMissingValue } from './profiles';

/** A drift test by name. @public */
export type DriftTestName =
  | 'ks'
  | 'chisquare'
  | 'z'
  | 'wasserstein'
  | 'jensenshannon'
  | 'psi';

/**
 * Evidently's reference-size boundary: up to this many reference rows the
 * default tests are statistical tests (p-values), beyond it distances, because
 * with large samples a test flags differences too small to matter.
 */
export const SMALL_REFERENCE_MAX_ROWS = 1000;

/** Above this many distinct values a numerical feature is tested as numbers, not as categories. */
export const NUMERICAL_MIN_DISTINCT_VALUES = 6;

/** Evidently's default thresholds. @public */
export const DRIFT_TEST_DEFAULT_THRESHOLDS: Record<DriftTestName, number> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};

/** Whether a test's threshold is a p-value (drift when p < threshold) rather than a distance (drift when ≥). @public */
export function isPValueTest(test: DriftTestName): boolean {
  return test === 'ks' || test === 'chisquare' || test === 'z';
}

/**
 * Evidently's default test (`get_stattest` without an explicit test) from
 * the reference size, the feature type and the number of distinct values
 * over reference and current together:
 * - reference of at most 1000 rows: `ks` for numerical features with more
 *   than 5 distinct values, otherwise `chisquare` with more than 2 distinct
 *   values and `z` with 2 or fewer;
 * - larger reference: `wasserstein` for numerical features with more than 5
 *   distinct values, otherwise `jensenshannon`.
 * @public
 */
export function selectDriftTestFor(options: {
  referenceSize: number;
  featureType: DriftFeatureType;
  distinctValues: number;
}): Exclude<DriftTestName, 'psi'> {
  const numerical =
    options.featureType === 'numerical' &&
    options.distinctValues >= NUMERICAL_MIN_DISTINCT_VALUES;
  if (options.referenceSize <= SMALL_REFERENCE_MAX_ROWS) {
    if (numerical) return 'ks';
    return options.distinctValues > 2 ? 'chisquare' : 'z';
  }
  return numerical ? 'wasserstein' : 'jensenshannon';
}

/**
 * The default drift test for a raw reference column. Missing values and
 * infinities are not counted. Without `featureType` a column of numbers is
 * numerical and anything else categorical. Evidently counts distinct values
 * over reference and current together; pass `current` to do the same.
 * @public
 */
export function selectDriftTest(
  reference: readonly unknown[],
  featureType?: DriftFeatureType,
  current: readonly unknown[] = [],
): Exclude<DriftTestName, 'psi'> {
  const present = (values: readonly unknown[]) =>
    values.filter(
      v =>
        !isMissingValue(v) && !(typeof v === 'number' && !Number.isFinite(v)),
    );
  const ref = present(reference);
  const all = [...ref, ...present(current)];
  const type =
    featureType ??
    (ref.length > 0 && ref.every(v => typeof v === 'number')
      ? 'numerical'
      : 'categorical');
  return selectDriftTestFor({
    referenceSize: ref.length,
    featureType: type,
    distinctValues: new Set(
      all.map(v => (typeof v === 'number' ? v : String(v))),
    ).size,
  });
}
