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
  const sorted = Float64Array.from(reference).sort();
  const step = 1 / bins;
  const cuts: number[] = [];
  for (let i = 1; i < bins; i++) {
    const q = linearQuantile(sorted, i * step);
    if (cuts.length === 0 || cuts[cuts.length - 1] !== q) cuts.push(q);
  }
  return cuts;
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

/** Counts of values per bin (cutPoints.length + 1 bins). @public */
export function countBins(
  cutPoints: readonly number[],
  values: readonly number[],
): number[] {
  const counts = new Array<number>(cutPoints.length + 1).fill(0);
  for (const v of values) counts[binIndex(cutPoints, v)]++;
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
