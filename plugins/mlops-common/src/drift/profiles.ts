import { float64ToArray, sortFloat64 } from './float64Ordering';
import {
  countBinsOfSorted,
  cutPointsOfSorted,
  PSI_DEFAULT_BINS,
} from './populationStabilityIndex';
import { populationStd } from './wassersteinDistance';

/** How a feature is compared: numbers or category labels. @public */
export type DriftFeatureType = 'numerical' | 'categorical';

/**
 * A numerical feature reduced to a histogram over cut points frozen from the
 * reference (see `quantileCutPoints`), plus the raw values when they are
 * available. Histograms from different partitions over the same cut points
 * add up, so a profile can be computed where the data lives.
 * @public
 */
export type NumericalFeatureProfile = {
  type: 'numerical';
  /** Finite values profiled. */
  count: number;
  /** Values dropped as missing (null, empty, NaN). */
  missing: number;
  /** Values dropped as ±Infinity. */
  infinite: number;
  /** Interior cut points, ascending; the outer bins are open. */
  cutPoints: number[];
  /** Counts per bin: cutPoints.length + 1 entries. */
  binCounts: number[];
  /** The finite values themselves, sorted, when the profile was built from raw data. */
  values?: number[];
  /** Number of distinct finite values, when known. */
  distinctCount?: number;
  min?: number;
  max?: number;
  mean?: number;
  /** Population standard deviation. */
  std?: number;
};

/** A categorical feature reduced to counts per category label. @public */
export type CategoricalFeatureProfile = {
  type: 'categorical';
  count: number;
  /** Values dropped as missing (null, empty). */
  missing: number;
  categoryCounts: Record<string, number>;
};

/** @public */
export type DriftFeatureProfile =
  | NumericalFeatureProfile
  | CategoricalFeatureProfile;

/**
 * The reference a model version is compared against, usually its training
 * data. Its numerical cut points are frozen with the version: every window
 * is binned on them.
 * @public
 */
export type DriftReferenceProfile = {
  rowCount: number;
  features: Record<string, DriftFeatureProfile>;
};

/** One window of production data, reduced over the reference's bins. @public */
export type DriftWindowProfile = {
  rowCount: number;
  features: Record<string, DriftFeatureProfile>;
};

/** Where a raw value is not usable as a number. @public */
export class DriftValueTypeError extends TypeError {
  constructor(readonly index: number, readonly value: unknown) {
    super(`value ${JSON.stringify(value)} at index ${index} is not a number`);
    this.name = 'DriftValueTypeError';
  }
}

/** Whether a raw value counts as missing (null, undefined, empty string, NaN). @public */
export function isMissingValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

/** Finite numbers of a raw column, with the dropped ones counted. @public */
export function partitionNumericalValues(values: readonly unknown[]): {
  finite: number[];
  missing: number;
  infinite: number;
} {
  const { finite, missing, infinite } = finiteFloat64Values(values);
  return { finite: float64ToArray(finite), missing, infinite };
}

/** {@link partitionNumericalValues} into a float64 array, without a per-value callback. */
function finiteFloat64Values(values: readonly unknown[]): {
  finite: Float64Array;
  missing: number;
  infinite: number;
} {
  const buffer = new Float64Array(values.length);
  let count = 0;
  let missing = 0;
  let infinite = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (typeof value === 'number') {
      if (value - value === 0) buffer[count++] = value;
      else if (Number.isNaN(value)) missing++;
      else infinite++;
    } else if (isMissingValue(value)) {
      missing++;
    } else {
      throw new DriftValueTypeError(index, value);
    }
  }
  return { finite: buffer.subarray(0, count), missing, infinite };
}

/** Options of {@link profileNumericalValues}. @public */
export type NumericalProfileOptions = {
  /** Cut points to bin on: a window passes its reference's. Default: frozen from these values' quantiles. */
  cutPoints?: readonly number[];
  /** Quantile bins when the cut points are frozen from these values (default 10). */
  bins?: number;
  /** Keep the sorted raw values (default true); needed for the KS and Wasserstein tests. */
  keepValues?: boolean;
};

/** Reduces a raw numerical column to its profile. @public */
export function profileNumericalValues(
  values: readonly unknown[],
  options: NumericalProfileOptions = {},
): NumericalFeatureProfile {
  const { finite, missing, infinite } = finiteFloat64Values(values);
  const sorted = sortFloat64(finite);
  const bins = options.bins ?? PSI_DEFAULT_BINS;
  if (
    !options.cutPoints &&
    sorted.length &&
    (!Number.isInteger(bins) || bins < 1)
  ) {
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  }
  let cutPoints: number[] = [];
  if (options.cutPoints) cutPoints = [...options.cutPoints];
  else if (sorted.length) cutPoints = cutPointsOfSorted(sorted, bins);
  let distinctCount = 0;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinctCount++;
    total += sorted[i];
  }
  const mean = sorted.length ? total / sorted.length : undefined;
  return {
    type: 'numerical',
    count: sorted.length,
    missing,
    infinite,
    cutPoints,
    binCounts: countBinsOfSorted(cutPoints, sorted),
    ...(options.keepValues === false ? {} : { values: float64ToArray(sorted) }),
    distinctCount,
    ...(sorted.length
      ? {
          min: sorted[0],
          max: sorted[sorted.length - 1],
          mean,
          std: populationStd(sorted),
        }
      : {}),
  };
}

/**
 * A category label of a raw value: strings as they are, numbers and booleans
 * as their text, so that `1` in JSON and `"1"` in CSV are the same category.
 * @public
 */
export function categoryLabel(value: unknown, index = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new DriftValueTypeError(index, value);
}

/** Reduces a raw categorical column to its profile. @public */
export function profileCategoricalValues(
  values: readonly unknown[],
): CategoricalFeatureProfile {
  const counts = new Map<string, number>();
  let missing = 0;
  let count = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (isMissingValue(value)) {
      missing++;
      continue;
    }
    const label = categoryLabel(value, index);
    counts.set(label, (counts.get(label) ?? 0) + 1);
    count++;
  }
  const categoryCounts: Record<string, number> = {};
  for (const [label, labelCount] of counts) categoryCounts[label] = labelCount;
  return { type: 'categorical', count, missing, categoryCounts };
}

/** A feature of the model's schema (`spec.features[]`). @public */
export type DriftFeatureSpec = { name: string; type: DriftFeatureType };

/**
 * Profiles raw columns of a reference (no `reference` given: cut points
 * frozen from the data) or of a window (binned on the reference's frozen
 * cut points).
 * @public
 */
export function buildDriftProfile(
  columns: Record<string, readonly unknown[]>,
  features: readonly DriftFeatureSpec[],
  options: {
    reference?: DriftReferenceProfile;
    bins?: number;
    keepValues?: boolean;
  } = {},
): DriftReferenceProfile {
  const profile: DriftReferenceProfile = { rowCount: 0, features: {} };
  for (const feature of features) {
    const column = columns[feature.name] ?? [];
    profile.rowCount = Math.max(profile.rowCount, column.length);
    if (feature.type === 'numerical') {
      const reference = options.reference?.features[feature.name];
      profile.features[feature.name] = profileNumericalValues(column, {
        cutPoints:
          reference?.type === 'numerical' ? reference.cutPoints : undefined,
        bins: options.bins,
        keepValues: options.keepValues,
      });
    } else {
      profile.features[feature.name] = profileCategoricalValues(column);
    }
  }
  return profile;
}
