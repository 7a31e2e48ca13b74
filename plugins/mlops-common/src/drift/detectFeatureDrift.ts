import { chiSquareTestFromCounts } from './chiSquareTest';
import { compareCodeUnits } from './compareCodeUnits';
import { jensenShannonDistance } from './jensenShannonDistance';
import { ksTwoSample } from './ksTwoSample';
import {
  PSI_DEFAULT_EPSILON,
  populationStabilityIndexFromCounts,
} from './populationStabilityIndex';
import {
  CategoricalFeatureProfile,
  DriftFeatureProfile,
  DriftFeatureType,
  NumericalFeatureProfile,
  profileCategoricalValues,
  profileNumericalValues,
} from './profiles';
import {
  DRIFT_TEST_DEFAULT_THRESHOLDS,
  DriftTestName,
  NUMERICAL_MIN_DISTINCT_VALUES,
  selectDriftTestFor,
} from './selectDriftTest';
import { wassersteinDistanceNormed } from './wassersteinDistance';
import { zTestProportionsFromCounts } from './zTestProportions';

/** Below this many values on either side a verdict is flagged as low-sample. @public */
export const DRIFT_LOW_SAMPLE_SIZE = 30;

/** Options of {@link detectFeatureDrift}. @public */
export type FeatureDriftOptions = {
  /** Default: numbers are numerical, anything else categorical. */
  featureType?: DriftFeatureType;
  /** Force a test instead of Evidently's default selection. */
  test?: DriftTestName;
  /** Override the test's default threshold. */
  threshold?: number;
  /** Sizes below this are flagged `lowSample` (default 30). */
  lowSampleSize?: number;
  /** Floor for bin shares in PSI (default 1e-4). */
  psiEpsilon?: number;
};

/** The bins a verdict was computed on, to plot reference against current. @public */
export type FeatureDriftBins =
  | {
      kind: 'numerical';
      /** Interior cut points frozen from the reference; outer bins are open. */
      cutPoints: number[];
      referenceCounts: number[];
      currentCounts: number[];
    }
  | {
      kind: 'categorical';
      categories: string[];
      referenceCounts: number[];
      currentCounts: number[];
    };

/** The verdict on one feature, with the numbers behind it. @public */
export type FeatureDriftResult = {
  test: DriftTestName;
  /**
   * The test statistic or distance. +Infinity for a chi-square with a new
   * category (serialised to JSON as null); NaN when a side has no usable value.
   */
  statistic: number;
  /** For `ks`, `chisquare` and `z`. */
  pValue?: number;
  threshold: number;
  drifted: boolean;
  referenceSize: number;
  currentSize: number;
  /** Values dropped before testing: missing (null, empty, NaN) and ±Infinity. */
  dropped: {
    reference: { missing: number; infinite: number };
    current: { missing: number; infinite: number };
  };
  /** A side has fewer values than the low-sample size: read the verdict with care. */
  lowSample: boolean;
  /** A side has no usable value: no verdict (`drifted` is false). */
  insufficientData: boolean;
  /** The reference holds a single distinct value. */
  constant: boolean;
  /** Categories (or, for numerical features tested as categories, values) never seen in the reference. */
  newCategories: string[];
  /** The test ran on the frozen bins because a side came pre-aggregated. */
  binned: boolean;
  /** KS only: exact or asymptotic p-value. */
  method?: 'exact' | 'asymptotic';
  /** Chi-square only. */
  degreesOfFreedom?: number;
  bins: FeatureDriftBins;
};

const MAX_PLOTTED_CATEGORIES = 50;
const OTHER_CATEGORIES = '(other)';

function counts(profile: DriftFeatureProfile): Map<string, number> {
  if (profile.type === 'categorical') {
    return new Map(
      Object.entries(profile.categoryCounts).filter(([, c]) => c > 0),
    );
  }
  const map = new Map<string, number>();
  for (const v of profile.values ?? []) {
    const key = String(v);
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

function compareNumericLabels(a: string, b: string): number {
  return Number(a) - Number(b);
}

function compareLabels(numerical: boolean): (a: string, b: string) => number {
  return numerical ? compareNumericLabels : compareCodeUnits;
}

/** Evidently fills empty bins before Jensen-Shannon so that both vectors stay comparable. */
function fillZeroShares(shares: number[]): number[] {
  const nonZero = shares.filter(s => s !== 0);
  if (nonZero.length === 0) return shares;
  const smallest = Math.min(...nonZero);
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  return shares.map(s => (s === 0 ? fill : s));
}

function categoricalBins(
  reference: Map<string, number>,
  current: Map<string, number>,
  numerical: boolean,
): FeatureDriftBins {
  const keys = [...new Set([...reference.keys(), ...current.keys()])];
  keys.sort(
    (a, b) =>
      (reference.get(b) ?? 0) +
        (current.get(b) ?? 0) -
        ((reference.get(a) ?? 0) + (current.get(a) ?? 0)) ||
      compareLabels(numerical)(a, b),
  );
  const shown = keys.slice(0, MAX_PLOTTED_CATEGORIES);
  const rest = keys.slice(MAX_PLOTTED_CATEGORIES);
  if (numerical && rest.length === 0) shown.sort(compareLabels(true));
  const sumOf = (map: Map<string, number>, labels: string[]) =>
    labels.reduce((t, k) => t + (map.get(k) ?? 0), 0);
  return {
    kind: 'categorical',
    categories: rest.length ? [...shown, OTHER_CATEGORIES] : shown,
    referenceCounts: [
      ...shown.map(k => reference.get(k) ?? 0),
      ...(rest.length ? [sumOf(reference, rest)] : []),
    ],
    currentCounts: [
      ...shown.map(k => current.get(k) ?? 0),
      ...(rest.length ? [sumOf(current, rest)] : []),
    ],
  };
}

/**
 * Distinct values over two sorted arrays, counted only up to `limit`: the
 * test selection only asks whether there are more than 2 or more than 5.
 */
function countDistinctUpTo(
  a: readonly number[],
  b: readonly number[],
  limit: number,
): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  let last = NaN;
  while ((i < a.length || j < b.length) && distinct < limit) {
    const next =
      j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (distinct === 0 || next !== last) {
      distinct++;
      last = next;
    }
  }
  return distinct;
}

function sameCutPoints(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function numericalDistinct(profile: NumericalFeatureProfile): number {
  return profile.distinctCount ?? Infinity;
}

/**
 * Drift of one feature between two profiles (see `profileNumericalValues`,
 * `profileCategoricalValues`). KS and Wasserstein need raw values on both
 * sides; when a numerical side is pre-aggregated, the test is PSI over the
 * frozen bins, which is exact on histograms. Chi-square, z and
 * Jensen-Shannon on categories only need counts, so they are exact on
 * pre-aggregated profiles too.
 * @public
 */
export function detectFeatureDriftFromProfiles(
  reference: DriftFeatureProfile,
  current: DriftFeatureProfile,
  options: FeatureDriftOptions = {},
): FeatureDriftResult {
  if (reference.type !== current.type) {
    throw new TypeError(
      `cannot compare a ${reference.type} reference with a ${current.type} window`,
    );
  }
  const lowSampleSize = options.lowSampleSize ?? 30;
  const numerical = reference.type === 'numerical';
  const hasRaw =
    reference.type === 'numerical' &&
    current.type === 'numerical' &&
    reference.values !== undefined &&
    current.values !== undefined;

  let distinctValues: number;
  if (!numerical) {
    const present = (profile: DriftFeatureProfile) =>
      Object.entries((profile as CategoricalFeatureProfile).categoryCounts)
        .filter(([, c]) => c > 0)
        .map(([label]) => label);
    distinctValues = new Set([...present(reference), ...present(current)]).size;
  } else if (hasRaw) {
    distinctValues = countDistinctUpTo(
      (reference as NumericalFeatureProfile).values!,
      (current as NumericalFeatureProfile).values!,
      NUMERICAL_MIN_DISTINCT_VALUES,
    );
  } else {
    distinctValues = numericalDistinct(reference as NumericalFeatureProfile);
  }
  let test: DriftTestName =
    options.test ??
    (numerical && !hasRaw
      ? 'psi'
      : selectDriftTestFor({
          referenceSize: reference.count,
          featureType: reference.type,
          distinctValues,
        }));
  if (numerical && !hasRaw && test !== 'psi') test = 'psi';
  if (!numerical && test === 'psi') {
    throw new TypeError('psi applies to numerical features only');
  }
  if (!numerical && (test === 'ks' || test === 'wasserstein')) {
    throw new TypeError(`${test} applies to numerical features only`);
  }
  const threshold = options.threshold ?? DRIFT_TEST_DEFAULT_THRESHOLDS[test];
  // Counting values as categories is only needed when they are tested as such.
  const asCategories =
    !numerical ||
    test === 'chisquare' ||
    test === 'z' ||
    test === 'jensenshannon';
  const refCounts = asCategories
    ? counts(reference)
    : new Map<string, number>();
  const curCounts = asCategories ? counts(current) : new Map<string, number>();

  let bins: FeatureDriftBins;
  if (reference.type === 'numerical' && current.type === 'numerical') {
    if (!sameCutPoints(reference.cutPoints, current.cutPoints)) {
      throw new RangeError(
        'the window is not binned on the reference cut points',
      );
    }
    bins =
      test === 'chisquare' || test === 'z' || test === 'jensenshannon'
        ? categoricalBins(refCounts, curCounts, true)
        : {
            kind: 'numerical',
            cutPoints: reference.cutPoints,
            referenceCounts: reference.binCounts,
            currentCounts: current.binCounts,
          };
  } else {
    bins = categoricalBins(refCounts, curCounts, false);
  }

  const newCategories = !asCategories
    ? []
    : [...curCounts.keys()]
        .filter(k => !refCounts.has(k))
        .sort(compareLabels(numerical));
  const base = {
    test,
    threshold,
    referenceSize: reference.count,
    currentSize: current.count,
    dropped: {
      reference: {
        missing: reference.missing,
        infinite: reference.type === 'numerical' ? reference.infinite : 0,
      },
      current: {
        missing: current.missing,
        infinite: current.type === 'numerical' ? current.infinite : 0,
      },
    },
    lowSample: reference.count < lowSampleSize || current.count < lowSampleSize,
    constant:
      (numerical
        ? numericalDistinct(reference as NumericalFeatureProfile)
        : refCounts.size) === 1,
    newCategories,
    binned: numerical && !hasRaw,
    bins,
  };
  if (reference.count === 0 || current.count === 0) {
    return { ...base, statistic: NaN, drifted: false, insufficientData: true };
  }

  let statistic: number;
  let pValue: number | undefined;
  const extra: Partial<FeatureDriftResult> = {};
  switch (test) {
    case 'ks': {
      const result = ksTwoSample(
        (reference as NumericalFeatureProfile).values!,
        (current as NumericalFeatureProfile).values!,
      );
      statistic = result.statistic;
      pValue = result.pValue;
      extra.method = result.method;
      break;
    }
    case 'wasserstein':
      statistic = wassersteinDistanceNormed(
        (reference as NumericalFeatureProfile).values!,
        (current as NumericalFeatureProfile).values!,
      );
      break;
    case 'psi':
      statistic = populationStabilityIndexFromCounts(
        (reference as NumericalFeatureProfile).binCounts,
        (current as NumericalFeatureProfile).binCounts,
        options.psiEpsilon ?? PSI_DEFAULT_EPSILON,
      );
      break;
    case 'chisquare': {
      const result = chiSquareTestFromCounts(refCounts, curCounts);
      statistic = result.statistic;
      pValue = result.pValue;
      extra.degreesOfFreedom = result.degreesOfFreedom;
      break;
    }
    case 'z': {
      const result = zTestProportionsFromCounts(
        refCounts,
        curCounts,
        compareLabels(numerical),
      );
      statistic = result.statistic;
      pValue = result.pValue;
      break;
    }
    case 'jensenshannon': {
      const keys = [
        ...new Set([...refCounts.keys(), ...curCounts.keys()]),
      ].sort();
      const share = (map: Map<string, number>, n: number) =>
        fillZeroShares(keys.map(k => (map.get(k) ?? 0) / n));
      statistic = jensenShannonDistance(
        share(refCounts, reference.count),
        share(curCounts, current.count),
      );
      break;
    }
    default:
      throw new TypeError(`unknown drift test ${test satisfies never}`);
  }
  const drifted =
    pValue !== undefined ? pValue < threshold : statistic >= threshold;
  return {
    ...base,
    ...extra,
    statistic,
    ...(pValue !== undefined ? { pValue } : {}),
    drifted,
    insufficientData: false,
  };
}

/**
 * Drift of one feature between raw reference and current values, with
 * Evidently's default test for the feature type and reference size. NaN,
 * null, empty values and infinities are dropped and counted; a side with no
 * value left gives no verdict (`insufficientData`).
 * @public
 */
export function detectFeatureDrift(
  reference: readonly unknown[],
  current: readonly unknown[],
  options: FeatureDriftOptions = {},
): FeatureDriftResult {
  const featureType =
    options.featureType ??
    (reference.some(v => typeof v === 'number') ? 'numerical' : 'categorical');
  if (featureType === 'numerical') {
    const referenceProfile = profileNumericalValues(reference);
    const currentProfile = profileNumericalValues(current, {
      cutPoints: referenceProfile.cutPoints,
    });
    return detectFeatureDriftFromProfiles(
      referenceProfile,
      currentProfile,
      options,
    );
  }
  return detectFeatureDriftFromProfiles(
    profileCategoricalValues(reference),
    profileCategoricalValues(current),
    options,
  );
}
