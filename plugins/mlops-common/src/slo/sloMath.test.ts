import {
  burnRate,
  countTimeslices,
  errorBudgetConsumed,
  errorBudgetRemaining,
  sli,
  sumCounts,
  timeToExhaustion,
} from './sloMath';

const DAY = 86_400_000;

describe('SLO math', () => {
  it('computes the SLI, burn rate and budget as the SRE workbook does', () => {
    // 99.9% over 1,000,000 requests allows 1,000 errors; 250 were spent.
    const counts = { good: 999_750, total: 1_000_000 };
    expect(sli(counts)).toBeCloseTo(0.99975, 12);
    expect(burnRate({ bad: 250, total: 1_000_000, target: 0.999 })).toBeCloseTo(
      0.25,
      12,
    );
    expect(errorBudgetConsumed({ ...counts, target: 0.999 })).toBeCloseTo(
      0.25,
      12,
    );
    expect(errorBudgetRemaining({ ...counts, target: 0.999 })).toBeCloseTo(
      0.75,
      12,
    );
    // An error ratio of 1.44% against a 99.9% target is the workbook's 14.4.
    expect(burnRate({ bad: 144, total: 10_000, target: 0.999 })).toBeCloseTo(
      14.4,
      10,
    );
  });

  it('lets the remaining budget go below zero when it is overspent', () => {
    // 3,000 errors against an allowance of 1,000: two budgets too many.
    expect(
      errorBudgetRemaining({ good: 997_000, total: 1_000_000, target: 0.999 }),
    ).toBeCloseTo(-2, 10);
    expect(errorBudgetRemaining({ good: 0, total: 10, target: 0.5 })).toBe(-1);
  });

  it('reports the budget as exactly spent at the allowance', () => {
    expect(errorBudgetRemaining({ good: 99, total: 100, target: 0.99 })).toBe(
      0,
    );
    expect(
      errorBudgetRemaining({ good: 990_000, total: 1_000_000, target: 0.99 }),
    ).toBe(0);
    expect(errorBudgetConsumed({ good: 999, total: 1000, target: 0.999 })).toBe(
      1,
    );
  });

  it('treats zero traffic as no SLI, nothing burning and the whole budget left', () => {
    expect(sli({ good: 0, total: 0 })).toBeUndefined();
    expect(burnRate({ bad: 0, total: 0, target: 0.999 })).toBe(0);
    expect(errorBudgetRemaining({ good: 0, total: 0, target: 0.999 })).toBe(1);
    expect(errorBudgetConsumed({ good: 0, total: 0, target: 0.999 })).toBe(0);
  });

  it('refuses counts and targets that make no sense, naming them', () => {
    expect(() => sli({ good: 11, total: 10 })).toThrow(
      /good \(11\) must not exceed total \(10\)/,
    );
    expect(() => burnRate({ bad: -1, total: 10, target: 0.9 })).toThrow(
      /bad must be a finite number ≥ 0/,
    );
    expect(() => burnRate({ bad: 1, total: 10, target: 1 })).toThrow(
      /target must be strictly between 0 and 1 \(got 1\)/,
    );
    expect(() =>
      errorBudgetRemaining({ good: NaN, total: 10, target: 0.9 }),
    ).toThrow(/good must be a finite number/);
  });

  describe('timeToExhaustion', () => {
    it('divides what is left of a window-long budget by the burn rate', () => {
      // Half the 30-day budget left, burning at 7.5×: 15 days / 7.5 = 2 days.
      expect(
        timeToExhaustion({ remaining: 0.5, burnRate: 7.5, windowMs: 30 * DAY }),
      ).toBe(2 * DAY);
    });

    it('is zero for an exhausted budget and undefined when nothing burns', () => {
      expect(
        timeToExhaustion({ remaining: 0, burnRate: 3, windowMs: 30 * DAY }),
      ).toBe(0);
      expect(
        timeToExhaustion({ remaining: -0.4, burnRate: 0, windowMs: 30 * DAY }),
      ).toBe(0);
      expect(
        timeToExhaustion({ remaining: 0.9, burnRate: 0, windowMs: 30 * DAY }),
      ).toBeUndefined();
    });
  });

  describe('countTimeslices', () => {
    it('counts a slice exactly at the slice target as good', () => {
      expect(countTimeslices([{ good: 95, total: 100 }], 0.95)).toEqual({
        good: 1,
        total: 1,
      });
      expect(countTimeslices([{ good: 94, total: 100 }], 0.95)).toEqual({
        good: 0,
        total: 1,
      });
    });

    it('leaves empty slices out: they neither earn nor spend budget', () => {
      const slices = [
        { good: 100, total: 100 },
        { good: 0, total: 0 },
        { good: 0, total: 0 },
        { good: 10, total: 100 },
      ];
      const counts = countTimeslices(slices, 0.9);
      expect(counts).toEqual({ good: 1, total: 2 });
      expect(sli(counts)).toBe(0.5);
      expect(countTimeslices([{ good: 0, total: 0 }], 0.9)).toEqual({
        good: 0,
        total: 0,
      });
    });

    it('sums counts', () => {
      expect(
        sumCounts([
          { good: 1, total: 2 },
          { good: 3, total: 4 },
        ]),
      ).toEqual({ good: 4, total: 6 });
    });
  });
});
