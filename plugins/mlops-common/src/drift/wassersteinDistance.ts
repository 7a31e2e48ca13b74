import { isSortedAscending, sortedFloat64Copy } from './float64Ordering';

/** The normaliser's floor, from Evidently: a constant reference must not divide by zero. */
export const WASSERSTEIN_MIN_NORM = 0.001;

/** Population standard deviation (numpy's `np.std`, ddof = 0). @public */
export function populationStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const deviation = values[i] - mean;
    squares += deviation * deviation;
  }
  return Math.sqrt(squares / n);
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
  const a = isSortedAscending(u) ? u : sortedFloat64Copy(u);
  const b = isSortedAscending(v) ? v : sortedFloat64Copy(v);
  const n = a.length;
  const m = b.length;
  // A numeric sort puts NaN last.
  if (Number.isNaN(a[n - 1]) || Number.isNaN(b[m - 1])) {
    throw new RangeError('wassersteinDistance needs samples without NaN');
  }
  // A merge of the two sorted samples walks their pooled values in order.
  // Between equal pooled values the area is 0, so stepping from one distinct
  // value to the next adds the same terms as scipy's sum over all of them.
  let ia = 0;
  let ib = 0;
  let distance = 0;
  let x = a[0] <= b[0] ? a[0] : b[0];
  for (;;) {
    while (ia < n && a[ia] <= x) ia++;
    while (ib < m && b[ib] <= x) ib++;
    if (ia === n && ib === m) break;
    const next = ib >= m || (ia < n && a[ia] <= b[ib]) ? a[ia] : b[ib];
    distance += Math.abs(ia / n - ib / m) * (next - x);
    x = next;
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
