/*
 * Survival function of the two-sided one-sample Kolmogorov statistic D_n,
 * P(D_n > x), which scipy's ks_2samp uses (as kstwo.sf) for its asymptotic
 * branch. The regimes follow Simard & L'Ecuyer (2011), "Computing the
 * two-sided Kolmogorov-Smirnov distribution", J. Stat. Software 39(11), the
 * selection scipy 1.10 makes: Ruben-Gambino closed forms at the extremes,
 * Durbin's matrix (Marsaglia-Tsang-Wang) for small n·x², Pelz-Good's
 * asymptotic series for large n, and twice the one-sided Smirnov tail where
 * it is accurate.
 */
import { logGamma } from './specialFunctions';

const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

function multiply(
  a: Float64Array,
  b: Float64Array,
  m: number,
): Float64Array<ArrayBuffer> {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j];
    }
  }
  return out;
}

/** Durbin's matrix algorithm: P(D_n ≤ d), exact up to rounding. */
function durbinMatrixCdf(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  v[m - 1] = (1 + Math.max(2 * h - 1, 0) ** m - 2 * h ** m) * factorial;
  let matrix: Float64Array<ArrayBuffer> = new Float64Array(m * m);
  for (let col = 1; col < m; col++) {
    for (let row = col - 1; row < m; row++)
      matrix[row * m + col] = w[row - col + 1];
  }
  for (let row = 0; row < m; row++) matrix[row * m] = v[row];
  for (let col = 0; col < m; col++) matrix[(m - 1) * m + col] = v[m - 1 - col];

  let power: Float64Array<ArrayBuffer> = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let exponent = 0;
  let matrixExponent = 0;
  let remaining = n;
  while (remaining > 0) {
    if (remaining % 2) {
      power = multiply(power, matrix, m);
      exponent += matrixExponent;
    }
    matrix = multiply(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[(k - 1) * m + (k - 1)]) > SCALE_UP) {
      for (let i = 0; i < matrix.length; i++) matrix[i] /= SCALE_UP;
      matrixExponent += SCALE_EXPONENT;
    }
    remaining = Math.floor(remaining / 2);
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  return p * 2 ** exponent;
}

/** Pelz-Good asymptotic series for P(D_n ≤ x), Simard & L'Ecuyer eq. (2.4). */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI * Math.PI;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const logQ = -pi2 / 8 / z2;
  if (logQ < -708) return 0;
  let q = Math.exp(logQ);
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = q ** (8 * k);
    const coefficients = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m4,
      k3a + k3b * m2 + k3c * m4 + k3d * m6,
    ];
    for (let i = 0; i < 4; i++) terms[i] = terms[i] * qPower + coefficients[i];
  }
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) terms[i] = (terms[i] * q * sqrt2pi) / divisors[i];
  q = Math.exp(-pi2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    k2extra += k2 * qk;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  terms[2] += (k2extra * pi2 * sqrt2pi) / (-36 * z3);
  terms[3] += (k3extra * pi2 * sqrt2pi) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += terms[i] / n ** (i / 2);
  return sum;
}

/** log(a^m) for a ≥ 0, with 0^0 = 1 as the Birnbaum-Tingey sum takes it. */
function logPower(a: number, m: number): number {
  if (m === 0) return 0;
  return a === 0 ? -Infinity : m * Math.log(a);
}

/**
 * One-sided Smirnov tail P(D_n⁺ ≥ x) from the exact Birnbaum-Tingey sum,
 * evaluated term by term in log space.
 */
function smirnovSurvival(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x) + 1e-12);
  const logN = logGamma(n + 1);
  let sum = 0;
  for (let j = 0; j <= last; j++) {
    const a = 1 - x - j / n;
    const b = x + j / n;
    if (a < 0) break;
    const logChoose = logN - logGamma(j + 1) - logGamma(n - j + 1);
    const logTail = logPower(a, n - j);
    sum += Math.exp(logChoose + logTail + (j - 1) * Math.log(b));
  }
  return x * sum;
}

/** P(D_n > x) for the two-sided Kolmogorov statistic of a sample of size n. */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let logCdf = n * Math.log(2 * t - 1) + logGamma(n + 1) - n * Math.log(n);
    if (n <= 140) {
      let product = 1;
      for (let i = 1; i <= n; i++) product *= (i / n) * (2 * t - 1);
      return clamp01(1 - product);
    }
    logCdf = Math.min(logCdf, 0);
    return clamp01(1 - Math.exp(logCdf));
  }
  if (t >= n - 1) return clamp01(2 * (1 - x) ** n);
  if (x >= 0.5) return clamp01(2 * smirnovSurvival(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    // Below n·x² = 4 the Durbin matrix is exact (scipy switches to Pomeranz's
    // recursion above 0.754693 for speed; both are exact).
    if (nx2 <= 4) return clamp01(1 - durbinMatrixCdf(n, x));
    return clamp01(2 * smirnovSurvival(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clamp01(2 * smirnovSurvival(n, x));
  const cdf =
    n <= 100000 && n * x ** 1.5 <= 1.4
      ? durbinMatrixCdf(n, x)
      : pelzGoodCdf(n, x);
  return clamp01(1 - cdf);
}
