import { isSortedAscending, sortedFloat64Copy } from './float64Ordering';
import { kolmogorovSurvival } from './kolmogorovDistribution';

/** Result of a two-sample Kolmogorov-Smirnov test. @public */
export type KsTwoSampleResult = {
  /** sup |F_x − F_y|; on the exact path, rounded to a multiple of 1/lcm(n, m) as scipy does. */
  statistic: number;
  pValue: number;
  /** `exact` when max(n, m) ≤ 10 000, otherwise `asymptotic`. */
  method: 'exact' | 'asymptotic';
};

/** scipy's `ks_2samp(method='auto')` switches to the asymptotic distribution above this size. */
export const KS_EXACT_MAX_SAMPLE_SIZE = 10000;

function sorted(values: readonly number[]): ArrayLike<number> {
  return isSortedAscending(values) ? values : sortedFloat64Copy(values);
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** Rounds half to even, as numpy's `np.round` does. */
function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * P(D ≥ h/n) for equal sample sizes: the reflection-principle alternating sum
 * of binomial ratios, evaluated Horner-style from the innermost term so that
 * no subtraction cancels.
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) {
      ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    }
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D ≥ h/lcm) for unequal sizes: the share of monotone lattice paths from
 * (0, 0) to (m, n) that leave the band |x/m − y/n| < h/lcm, computed column
 * by column as a probability (Viehmann 2021, arXiv:2102.08037) so that no
 * binomial coefficient overflows.
 */
function probabilityOutsideBand(
  m0: number,
  n0: number,
  g: number,
  h: number,
): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const length = Math.min(2 * maxJ + 2, n + 1);
  const column = new Float64Array(length).fill(1);
  column.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (column[jj + minJ - lastMinJ] * i + value * j) / (i + j);
      column[jj] = value;
    }
    currentLength = maxJ - minJ;
    if (lastLength > currentLength) {
      column.fill(1, maxJ - minJ, maxJ - minJ + (lastLength - currentLength));
    }
  }
  return column[maxJ - minJ - 1];
}

/**
 * Two-sided two-sample Kolmogorov-Smirnov test with the semantics of scipy
 * 1.10's `ks_2samp(x, y)` (method 'auto'). Both samples must be non-empty and
 * finite; callers drop NaN and infinities first.
 * @public
 */
export function ksTwoSample(
  x: readonly number[],
  y: readonly number[],
): KsTwoSampleResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) {
    throw new RangeError('ksTwoSample needs two non-empty samples');
  }
  const a = sorted(x);
  const b = sorted(y);
  // A numeric sort puts NaN last.
  if (Number.isNaN(a[n1 - 1]) || Number.isNaN(b[n2 - 1])) {
    throw new RangeError('ksTwoSample needs samples without NaN');
  }
  // scipy evaluates F_x − F_y at every value of both samples; one merge over
  // the two sorted samples visits the same points with the same counts.
  let maxDiff = -Infinity;
  let minDiff = Infinity;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= value) i++;
    while (j < n2 && b[j] <= value) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  let d = minS > maxDiff ? minS : maxDiff;

  if (Math.max(n1, n2) <= KS_EXACT_MAX_SAMPLE_SIZE) {
    const g = greatestCommonDivisor(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfToEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: 'exact' };
    const p =
      n1 === n2
        ? probabilityOutsideSquare(n1, h)
        : probabilityOutsideBand(n1, n2, g, h);
    if (Number.isFinite(p) && p >= 0 && p <= 1) {
      return { statistic: d, pValue: p, method: 'exact' };
    }
  }
  const [big, small] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const effectiveSize = roundHalfToEven((big * small) / (big + small));
  const pValue = Math.min(Math.max(kolmogorovSurvival(effectiveSize, d), 0), 1);
  return { statistic: d, pValue, method: 'asymptotic' };
}
