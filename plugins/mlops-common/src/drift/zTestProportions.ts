import { countCategories } from './chiSquareTest';
import { compareCodeUnits } from './compareCodeUnits';
import { normalTwoSidedPValue } from './specialFunctions';

/** Result of a two-proportion z-test. @public */
export type ZTestResult = {
  statistic: number;
  pValue: number;
  /** The category whose share is compared (the first in sort order). */
  category?: string;
};

/**
 * Two-sided two-proportion z-test with a pooled variance, for binary
 * features, as Evidently's `z` test: the share of one category in the
 * reference against its share in the current data. Evidently picks an
 * arbitrary category; the first in sort order is used here so that the sign
 * of the statistic is reproducible (the p-value does not depend on it). When
 * both sides hold the same single category the p-value is 1.
 * @public
 */
export function zTestProportionsFromCounts(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
  compareCategories: (a: string, b: string) => number = compareCodeUnits,
): ZTestResult {
  const n1 = [...reference.values()].reduce((a, b) => a + b, 0);
  const n2 = [...current.values()].reduce((a, b) => a + b, 0);
  if (n1 === 0 || n2 === 0) {
    throw new RangeError('zTestProportions needs two non-empty samples');
  }
  const keys = [...new Set([...reference.keys(), ...current.keys()])]
    .filter(k => (reference.get(k) ?? 0) + (current.get(k) ?? 0) > 0)
    .sort(compareCategories);
  if (keys.length <= 1) return { statistic: 0, pValue: 1, category: keys[0] };
  const category = keys[0];
  const p1 = (reference.get(category) ?? 0) / n1;
  const p2 = (current.get(category) ?? 0) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const statistic =
    (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic, pValue: normalTwoSidedPValue(statistic), category };
}

/** {@link zTestProportionsFromCounts} on raw category labels. @public */
export function zTestProportions(
  reference: readonly string[],
  current: readonly string[],
): ZTestResult {
  return zTestProportionsFromCounts(
    countCategories(reference),
    countCategories(current),
  );
}
