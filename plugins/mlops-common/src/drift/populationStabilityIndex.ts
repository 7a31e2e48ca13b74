import { isSortedAscending, orderStatistics } from './float64Ordering';

/** Options of {@link populationStabilityIndex}. @public */
export type PopulationStabilityIndexOptions = {
  /** Number of quantile bins of the reference (default 10). */
  bins?: number;
  /** Floor for a bin's share, so that an empty bin does not make the index infinite (default 1e-4). */
  epsilon?: number;
};

export const PSI_DEFAULT_BINS = 10;
export const PSI_DEFAULT_EPSILON = 1e-4;

/**
 * The q-quantile of sorted values with numpy's default ('linear') method,
 * including numpy's virtual-index and interpolation arithmetic so that the
 * cut points agree with numpy to the last bit.
 */
export function linearQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const virtualIndex = (n - 1) * q;
  if (virtualIndex >= n - 1) return sorted[n - 1];
  const previous = Math.floor(virtualIndex);
  const next = previous + 1;
  const gamma = virtualIndex - previous;
  const a = sorted[previous];
  const b = sorted[next];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** The ranks {@link linearQuantile} reads for the q-quantile of n values. */
function linearQuantileRanks(n: number, q: number): number[] {
  const virtualIndex = (n - 1) * q;
  if (virtualIndex >= n - 1) return [n - 1];
  const previous = Math.floor(virtualIndex);
  return [previous, previous + 1];
}

function quantileLevels(bins: number): number[] {
  const step = 1 / bins;
  return Array.from({ length: bins - 1 }, (_, i) => (i + 1) * step);
}

/** Interior quantiles of values already in ascending order, duplicates dropped. @public */
export function cutPointsOfSorted(
  sorted: ArrayLike<number>,
  bins: number,
): number[] {
  const cuts: number[] = [];
  for (const q of quantileLevels(bins)) {
    const cut = linearQuantile(sorted, q);
    if (cuts.length === 0 || cuts[cuts.length - 1] !== cut) cuts.push(cut);
  }
  return cuts;
}

/**
 * Cut points frozen from a reference: its interior quantiles 1/bins …
 * (bins−1)/bins, duplicates dropped. The outer bins are open, so bin i holds
 * the values v with cut[i−1] ≤ v < cut[i], the first bin everything below
 * the first cut and the last everything from the last cut up. A constant
 * reference yields one cut point, its value.
 * @public
 */
export function quantileCutPoints(
  reference: readonly number[],
  bins = PSI_DEFAULT_BINS,
): number[] {
  if (reference.length === 0) return [];
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  }
  if (isSortedAscending(reference)) return cutPointsOfSorted(reference, bins);
  // Only the order statistics next to each quantile are needed: select them
  // (as numpy's partition does) instead of sorting everything, and hand
  // linearQuantile a sparse stand-in for the sorted sample.
  const n = reference.length;
  const ranks = [
    ...new Set(quantileLevels(bins).flatMap(q => linearQuantileRanks(n, q))),
  ].sort((a, b) => a - b);
  const statistics = orderStatistics(reference, ranks);
  const atRanks: { length: number; [rank: number]: number } = { length: n };
  ranks.forEach((rank, i) => {
    atRanks[rank] = statistics[i];
  });
  return cutPointsOfSorted(atRanks, bins);
}

/** Index of the bin a value falls in, for cut points as {@link quantileCutPoints} returns. */
export function binIndex(cutPoints: readonly number[], value: number): number {
  let lo = 0;
  let hi = cutPoints.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cutPoints[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to this many cut points, counting compares a value with all of them. */
const FEW_CUT_POINTS = 16;

/** Counts of values per bin (cutPoints.length + 1 bins). @public */
export function countBins(
  cutPoints: readonly number[],
  values: readonly number[],
): number[] {
  const cuts = Float64Array.from(cutPoints);
  const m = cuts.length;
  const counts = new Float64Array(m + 1);
  if (m > FEW_CUT_POINTS) {
    for (let i = 0; i < values.length; i++) {
      counts[binIndex(cutPoints, values[i])]++;
    }
    return Array.from(counts);
  }
  // The bin index as the number of cut points ≤ value, summed without
  // branches: a binary search's branches are unpredictable on random data
  // and cost more than the comparisons.
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let bin = 0;
    for (let j = 0; j < m; j++) bin += +(cuts[j] <= value);
    counts[bin]++;
  }
  return Array.from(counts);
}

/** Number of sorted values strictly below `value`. */
function countBelow(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * {@link countBins} for values in ascending order (NaN excluded): one binary
 * search per cut point instead of one per value.
 * @public
 */
export function countBinsOfSorted(
  cutPoints: readonly number[],
  sorted: ArrayLike<number>,
): number[] {
  const counts: number[] = [];
  let below = 0;
  for (const cut of cutPoints) {
    const next = countBelow(sorted, cut);
    counts.push(next - below);
    below = next;
  }
  counts.push(sorted.length - below);
  return counts;
}

/**
 * PSI = Σ (cur − ref)·ln(cur/ref) over bin shares, each share floored at
 * epsilon. Works on counts, so pre-aggregated histograms over the frozen
 * bins give exactly the same value as the raw data.
 * @public
 */
export function populationStabilityIndexFromCounts(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  epsilon = PSI_DEFAULT_EPSILON,
): number {
  if (referenceCounts.length !== currentCounts.length) {
    throw new RangeError(
      'populationStabilityIndex needs counts over the same bins',
    );
  }
  const nRef = referenceCounts.reduce((a, b) => a + b, 0);
  const nCur = currentCounts.reduce((a, b) => a + b, 0);
  if (nRef === 0 || nCur === 0) {
    throw new RangeError(
      'populationStabilityIndex needs two non-empty samples',
    );
  }
  let index = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const ref = Math.max(referenceCounts[i] / nRef, epsilon);
    const cur = Math.max(currentCounts[i] / nCur, epsilon);
    index += (cur - ref) * Math.log(cur / ref);
  }
  return index;
}

/**
 * Population stability index of the current values against bins frozen from
 * the reference's quantiles ({@link quantileCutPoints}).
 * @public
 */
export function populationStabilityIndex(
  reference: readonly number[],
  current: readonly number[],
  options: PopulationStabilityIndexOptions = {},
): number {
  const cuts = quantileCutPoints(reference, options.bins ?? PSI_DEFAULT_BINS);
  return populationStabilityIndexFromCounts(
    countBins(cuts, reference),
    countBins(cuts, current),
    options.epsilon ?? PSI_DEFAULT_EPSILON,
  );
}
