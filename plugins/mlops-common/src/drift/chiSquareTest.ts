import { chiSquareSurvival } from './specialFunctions';

/** Result of a chi-square goodness-of-fit test. @public */
export type ChiSquareTestResult = {
  statistic: number;
  pValue: number;
  degreesOfFreedom: number;
  /** Categories seen in the current data but never in the reference. */
  newCategories: string[];
};

/** Counts per category of a list of category labels. @public */
export function countCategories(
  values: readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * Chi-square goodness of fit of category counts, the current counts observed
 * against expected = reference share × n(current), over the union of the
 * categories of both sides (K categories, df = K − 1), as Evidently's
 * `chisquare` drift test does.
 *
 * A category absent from the current data counts as observed 0. A category
 * new in the current data has expected count 0, so, as with scipy's
 * `chisquare` under Evidently, the statistic is +Infinity and the p-value 0:
 * a value the model never saw in training is drift. With a single category
 * on both sides there is nothing to compare: statistic 0, p-value 1.
 * @public
 */
export function chiSquareTestFromCounts(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): ChiSquareTestResult {
  const keys = [...new Set([...reference.keys(), ...current.keys()])].sort();
  const nReference = sum(reference.values());
  const nCurrent = sum(current.values());
  if (nReference === 0 || nCurrent === 0) {
    throw new RangeError('chiSquareTest needs two non-empty samples');
  }
  const newCategories = keys.filter(
    k => (reference.get(k) ?? 0) === 0 && (current.get(k) ?? 0) > 0,
  );
  const degreesOfFreedom = keys.length - 1;
  if (degreesOfFreedom === 0) {
    return { statistic: 0, pValue: 1, degreesOfFreedom, newCategories };
  }
  if (newCategories.length > 0) {
    return { statistic: Infinity, pValue: 0, degreesOfFreedom, newCategories };
  }
  const scale = nCurrent / nReference;
  let statistic = 0;
  for (const key of keys) {
    const expected = (reference.get(key) ?? 0) * scale;
    const observed = current.get(key) ?? 0;
    statistic += ((observed - expected) * (observed - expected)) / expected;
  }
  return {
    statistic,
    pValue: chiSquareSurvival(statistic, degreesOfFreedom),
    degreesOfFreedom,
    newCategories,
  };
}

/** {@link chiSquareTestFromCounts} on raw category labels. @public */
export function chiSquareTest(
  reference: readonly string[],
  current: readonly string[],
): ChiSquareTestResult {
  return chiSquareTestFromCounts(
    countCategories(reference),
    countCategories(current),
  );
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
