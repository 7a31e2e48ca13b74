/*
 * Rebuilds the samples of scipy-expected.json from their generator specs,
 * bit for bit as scripts/drift-oracle.py does: a Park-Miller LCG whose
 * products stay below 2^53, so the integer arithmetic is exact in doubles.
 */
import expected from './scipy-expected.json';

export type SampleSpec =
  | { values: Array<number | string | null> }
  | {
      seed: number;
      n: number;
      sum?: number;
      scale?: number;
      shift?: number;
      integer?: boolean;
    };

const MODULUS = 2147483647;
const MULTIPLIER = 48271;

export function oracleSample(spec: SampleSpec): Array<number | string | null> {
  if ('values' in spec) return [...spec.values];
  let state = spec.seed;
  const out: number[] = [];
  for (let i = 0; i < spec.n; i++) {
    let total = 0;
    for (let j = 0; j < (spec.sum ?? 1); j++) {
      state = (state * MULTIPLIER) % MODULUS;
      total += state;
    }
    let value = (total / MODULUS) * (spec.scale ?? 1) + (spec.shift ?? 0);
    if (spec.integer) value = Math.floor(value);
    out.push(value);
  }
  return out;
}

/** Numbers of a sample, with the oracle's spelling of missing values turned into JavaScript values. */
export function oracleValues(spec: SampleSpec): unknown[] {
  return oracleSample(spec).map(v => {
    if (v === 'nan') return NaN;
    if (v === 'inf') return Infinity;
    if (v === '-inf') return -Infinity;
    return v;
  });
}

export function oracleNumbers(spec: SampleSpec): number[] {
  return oracleValues(spec) as number[];
}

export function oracleNumber(value: number | string | null): number {
  if (value === 'inf') return Infinity;
  if (value === null || value === 'nan') return NaN;
  return value as number;
}

export const scipyExpected = expected;
