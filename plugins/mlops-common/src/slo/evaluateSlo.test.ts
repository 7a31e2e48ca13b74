import { MLModelSlo } from '../kinds/MLModelEntityV1alpha1';
import {
  burnDownSeries,
  chartBucketMs,
  describeDuration,
  evaluateSlo,
  observeTimeslices,
  SloObservation,
} from './evaluateSlo';
import { sloPeriod } from './sloWindow';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 10, 26, 12, 0);

const availability: MLModelSlo = {
  name: 'availability',
  objective: 0.999,
  window: '30d',
  indicator: { ratio: { bad: 'b[{{window}}]', total: 't[{{window}}]' } },
};

function observation(
  errorRatios: Record<string, number>,
  period: { good: number; total: number },
): SloObservation {
  return {
    windowCounts: Object.fromEntries(
      Object.entries(errorRatios).map(([k, r]) => [
        k,
        { good: 10_000 * (1 - r), total: 10_000 },
      ]),
    ),
    periodCounts: period,
    buckets: [],
  };
}

const quiet = {
  '5m': 0,
  '30m': 0,
  '1h': 0,
  '2h': 0,
  '6h': 0,
  '1d': 0,
  '3d': 0,
};

describe('evaluateSlo', () => {
  it('puts the numbers and a sentence together for a budget that burns fast', () => {
    const status = evaluateSlo({
      slo: availability,
      now,
      observation: observation(
        { ...quiet, '5m': 0.0075, '1h': 0.0075 },
        { good: 999_500, total: 1_000_000 },
      ),
    });
    expect(status.sli).toBeCloseTo(0.9995, 12);
    expect(status.errorBudgetRemaining).toBeCloseTo(0.5, 10);
    expect(status.burnRates['1h']).toBeCloseTo(7.5, 10);
    // Half of a 30-day budget at 7.5×: 2 days.
    expect(status.timeToExhaustionMs).toBeCloseTo(2 * DAY, 0);
    expect(status.state).toBe('Increasing');
    expect(status.summary).toBe(
      'Burning 7.5× faster than the SLO allows over the last hour: at this rate the budget is gone in 2 days. 50% of the budget is left.',
    );
  });

  it('says when the budget is exhausted', () => {
    const status = evaluateSlo({
      slo: availability,
      now,
      observation: observation(quiet, { good: 998_000, total: 1_000_000 }),
    });
    expect(status.errorBudgetRemaining).toBeCloseTo(-1, 10);
    expect(status.state).toBe('Critical');
    expect(status.timeToExhaustionMs).toBe(0);
    expect(status.summary).toBe(
      'The error budget is exhausted: 200% of it was spent in the last 30 days.',
    );
  });

  it('reads zero traffic as nothing spent, with no SLI', () => {
    const status = evaluateSlo({
      slo: availability,
      now,
      observation: {
        windowCounts: {},
        periodCounts: { good: 0, total: 0 },
        buckets: [],
      },
    });
    expect(status.sli).toBeNull();
    expect(status.errorBudgetRemaining).toBe(1);
    expect(status.burnRates['1h']).toBeNull();
    expect(status.state).toBe('Acceptable');
    expect(status.timeToExhaustionMs).toBeNull();
    expect(status.summary).toBe(
      'No events in the last 30 days yet, so none of the error budget is spent.',
    );
  });

  it('explains a recovery', () => {
    const status = evaluateSlo({
      slo: availability,
      now,
      observation: observation(
        { ...quiet, '1h': 0.02, '6h': 0.008, '1d': 0.004 },
        { good: 999_400, total: 1_000_000 },
      ),
    });
    expect(status.state).toBe('Recovering');
    expect(status.summary).toBe(
      'Recovering: burning 0× over the last 5 minutes, down from 20× over the last hour. 40% of the budget is left.',
    );
  });

  it('says a healthy budget lasts the window', () => {
    const status = evaluateSlo({
      slo: availability,
      now,
      observation: observation(
        { ...quiet, '1h': 0.0002, '5m': 0.0001 },
        { good: 999_900, total: 1_000_000 },
      ),
    });
    expect(status.state).toBe('Acceptable');
    expect(status.summary).toBe(
      '90% of the budget is left; at the current rate it lasts the whole window.',
    );
  });

  it('judges Timeslices SLOs on slices, leaving empty slices out', () => {
    const slo: MLModelSlo = {
      ...availability,
      name: 'latency',
      objective: 0.9,
      window: '1d',
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.95,
      timeSliceWindow: '5m',
    };
    const period = sloPeriod(slo, now);
    // 288 five-minute slices: 100 empty, 180 good, 8 bad (the last 8, i.e. 40 minutes).
    const slices = Array.from({ length: 288 }, (_, i) => {
      const start = period.start + i * 5 * MIN;
      if (i < 100) return { start, good: 0, total: 0 };
      if (i >= 280) return { start, good: 90, total: 100 };
      return { start, good: 100, total: 100 };
    });
    const obs = observeTimeslices({
      slices,
      sliceMs: 5 * MIN,
      timeSliceTarget: 0.95,
      periodStart: period.start,
      now,
      bucketMs: HOUR,
      windowKeys: ['5m', '30m', '1h', '2h', '6h', '1d', '3d'],
    });
    expect(obs.periodCounts).toEqual({ good: 180, total: 188 });
    expect(obs.windowCounts['5m']).toEqual({ good: 0, total: 1 });
    expect(obs.windowCounts['1h']).toEqual({ good: 4, total: 12 });
    const status = evaluateSlo({ slo, now, observation: obs });
    expect(status.unit).toBe('slices');
    expect(status.sli).toBeCloseTo(180 / 188, 12);
    expect(status.errorBudgetRemaining).toBeCloseTo(1 - 8 / 188 / 0.1, 10);
    expect(status.series).toHaveLength(24);
    expect(status.series[0].sli).toBeNull();
    expect(status.series[23].sli).toBe(4 / 12);
  });

  it('uses the calendar period for calendar SLOs', () => {
    const monthly = { ...availability, window: '1M', calendar: true };
    const status = evaluateSlo({
      slo: monthly,
      now,
      observation: observation(quiet, { good: 10, total: 10 }),
    });
    expect(new Date(status.periodStart).toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(new Date(status.periodEnd).toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    expect(sloPeriod({ window: '1Q', calendar: true }, now).start).toBe(
      Date.UTC(2026, 9, 1),
    );
    expect(sloPeriod({ window: '1w', calendar: true }, now).start).toBe(
      Date.UTC(2026, 10, 23),
    );
    expect(() => sloPeriod({ window: '2M', calendar: true }, now)).toThrow(
      /calendar window 2M is not supported/,
    );
  });
});

describe('burnDownSeries', () => {
  it('ends at the period budget and can go below zero', () => {
    const series = burnDownSeries(
      [
        { start: 0, good: 1000, total: 1000 },
        { start: 1, good: 990, total: 1000 },
        { start: 2, good: 0, total: 0 },
        { start: 3, good: 980, total: 1000 },
      ],
      0.99,
    );
    // Allowance 1% of 3000 = 30 bad events.
    expect(series.map(p => p.sli)).toEqual([1, 0.99, null, 0.98]);
    [1, 1 - 10 / 30, 1 - 10 / 30, 0].forEach((expected, i) =>
      expect(series[i].budgetRemaining).toBeCloseTo(expected, 12),
    );
    expect(
      burnDownSeries([{ start: 0, good: 0, total: 10 }], 0.9)[0]
        .budgetRemaining,
    ).toBeCloseTo(-9, 10);
  });

  it('chooses chart buckets of at most ~180 points', () => {
    expect(chartBucketMs(30 * DAY)).toBe(6 * HOUR);
    expect(chartBucketMs(7 * DAY)).toBe(HOUR);
    expect(describeDuration(2 * DAY)).toBe('2 days');
    expect(describeDuration(5 * HOUR)).toBe('5 hours');
    expect(describeDuration(40 * MIN)).toBe('40 minutes');
  });
});
