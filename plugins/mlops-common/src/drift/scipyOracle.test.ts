/*
 * Every statistic against values computed independently with scipy 1.10
 * (scripts/drift-oracle.py → __fixtures__/scipy-expected.json).
 */
import {
  oracleNumber,
  oracleNumbers,
  oracleValues,
  SampleSpec,
  scipyExpected,
} from './__fixtures__/oracleSamples';
import { chiSquareTest } from './chiSquareTest';
import { detectFeatureDrift } from './detectFeatureDrift';
import { jensenShannonDistance } from './jensenShannonDistance';
import { kolmogorovSurvival } from './kolmogorovDistribution';
import { ksTwoSample } from './ksTwoSample';
import {
  populationStabilityIndex,
  quantileCutPoints,
} from './populationStabilityIndex';
import { DriftFeatureType } from './profiles';
import { wassersteinDistanceNormed } from './wassersteinDistance';
import { zTestProportions } from './zTestProportions';

/** |actual − expected| ≤ rel·|expected| + abs, with infinities and NaN compared exactly. */
function expectClose(actual: number, expected: number, rel: number, abs = 0) {
  if (!Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  const tolerance = rel * Math.abs(expected) + abs;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(
      `expected ${expected}, got ${actual} (difference ${
        actual - expected
      }, tolerance ${tolerance})`,
    );
  }
}

describe('scipy oracle', () => {
  it('was generated with scipy 1.10', () => {
    expect(scipyExpected.scipyVersion).toMatch(/^1\.10\./);
  });

  describe('ksTwoSample', () => {
    it.each(scipyExpected.ks.map(c => [c.name, c] as const))('%s', (_, c) => {
      const result = ksTwoSample(
        oracleNumbers(c.x as SampleSpec),
        oracleNumbers(c.y as SampleSpec),
      );
      // The statistic is a ratio of integers on the exact path: bitwise equal.
      expectClose(result.statistic, c.statistic, 1e-15);
      const exact = result.method === 'exact';
      expect(exact).toBe(
        Math.max(
          oracleNumbers(c.x as SampleSpec).length,
          oracleNumbers(c.y as SampleSpec).length,
        ) <= 10000,
      );
      expectClose(result.pValue, c.pValue, exact ? 1e-12 : 1e-9, 1e-300);
    });
  });

  describe('kolmogorovSurvival (kstwo.sf)', () => {
    it.each(scipyExpected.kolmogorov.map(c => [c.n, c.x, c] as const))(
      'n = %d, x = %d',
      (_, __, c) => {
        expectClose(kolmogorovSurvival(c.n, c.x), c.sf, 1e-9, 1e-300);
      },
    );
  });

  describe('chiSquareTest', () => {
    it.each(scipyExpected.chisquare.map(c => [c.name, c] as const))(
      '%s',
      (_, c) => {
        const result = chiSquareTest(c.reference, c.current);
        expectClose(result.statistic, oracleNumber(c.statistic), 1e-13, 1e-13);
        expectClose(result.pValue, c.pValue, 1e-11, 1e-300);
        expect(result.degreesOfFreedom).toBe(c.df);
      },
    );
  });

  describe('zTestProportions', () => {
    it.each(scipyExpected.z.map(c => [c.name, c] as const))('%s', (_, c) => {
      const result = zTestProportions(c.reference, c.current);
      expectClose(result.statistic, c.statistic, 1e-13, 1e-15);
      expectClose(result.pValue, c.pValue, 1e-11, 1e-300);
    });
  });

  describe('wassersteinDistanceNormed', () => {
    it.each(scipyExpected.wasserstein.map(c => [c.name, c] as const))(
      '%s',
      (_, c) => {
        const value = wassersteinDistanceNormed(
          oracleNumbers(c.reference as SampleSpec),
          oracleNumbers(c.current as SampleSpec),
        );
        expectClose(value, c.value, 1e-12, 1e-15);
      },
    );
  });

  describe('jensenShannonDistance', () => {
    it.each(scipyExpected.jensenshannon.map(c => [c.name, c] as const))(
      '%s',
      (_, c) => {
        expectClose(
          jensenShannonDistance(c.p, c.q, c.base ?? undefined),
          c.value,
          1e-13,
          1e-15,
        );
      },
    );
  });

  describe('populationStabilityIndex', () => {
    it.each(scipyExpected.psi.map(c => [c.name, c] as const))('%s', (_, c) => {
      const reference = oracleNumbers(c.reference as SampleSpec);
      const current = oracleNumbers(c.current as SampleSpec);
      const options = c.options as { bins?: number; epsilon?: number };
      // numpy's quantiles, bit for bit.
      expect(quantileCutPoints(reference, options.bins)).toEqual(c.cutPoints);
      expectClose(
        populationStabilityIndex(reference, current, options),
        c.value,
        1e-12,
      );
    });
  });

  describe('detectFeatureDrift: Evidently default selection', () => {
    const detect = (c: (typeof scipyExpected.detect)[number]) =>
      detectFeatureDrift(
        oracleValues(c.reference as SampleSpec),
        oracleValues(c.current as SampleSpec),
        { featureType: c.featureType as DriftFeatureType },
      );
    const cases = scipyExpected.detect.map(c => [c.name, c] as const);

    it.each(cases.filter(([, c]) => c.pValue !== null))('%s', (_, c) => {
      const result = detect(c);
      expect(result.test).toBe(c.test);
      expectClose(result.statistic, oracleNumber(c.statistic), 1e-12, 1e-15);
      expectClose(result.pValue!, c.pValue!, 1e-11, 1e-300);
    });

    // Distances (Wasserstein, Jensen-Shannon) come without a p-value.
    it.each(cases.filter(([, c]) => c.pValue === null))('%s', (_, c) => {
      const result = detect(c);
      expect(result.test).toBe(c.test);
      expectClose(result.statistic, oracleNumber(c.statistic), 1e-12, 1e-15);
      expect(result.pValue).toBeUndefined();
    });
  });
});
