/** The normaliser's floor, from Evidently: a constant reference must not divide by zero. */
export const WASSERSTEIN_MIN_NORM = 0.001;

/** Population standard deviation (numpy's `np.std`, ddof = 0). @public */
export function populationStd(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let total = 0;
  for (const v of values) total += v;
  const mean = total / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / values.length);
}

/**
 * First Wasserstein distance between two empirical distributions: the area
 * between their CDFs (scipy's `wasserstein_distance` without weights).
 * @public
 */
export function wassersteinDistance(
  u: readonly number[],
  v: readonly number[],
): number {
  if (u.length === 0 || v.length === 0) {
    throw new RangeError('wassersteinDistance needs two non-empty samples');
  }
  const a = Float64Array.from(u).sort();
  const b = Float64Array.from(v).sort();
  const all = new Float64Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  all.sort();
  let ia = 0;
  let ib = 0;
  let distance = 0;
  for (let i = 0; i < all.length - 1; i++) {
    const x = all[i];
    while (ia < a.length && a[ia] <= x) ia++;
    while (ib < b.length && b[ib] <= x) ib++;
    distance += Math.abs(ia / a.length - ib / b.length) * (all[i + 1] - x);
  }
  return distance;
}

/**
 * Evidently's `wasserstein` drift score: W1 divided by the reference's
 * population standard deviation (at least 0.001), so that one threshold
 * (0.1 standard deviations) fits features of any scale.
 * @public
 */
export function wassersteinDistanceNormed(
  reference: readonly number[],
  current: readonly number[],
): number {
  const norm = Math.max(populationStd(reference), WASSERSTEIN_MIN_NORM);
  return wassersteinDistance(reference, current) / norm;
}
