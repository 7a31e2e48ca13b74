import { MLModelSlo } from '../kinds/MLModelEntityV1alpha1';
import {
  alertWindowKeys,
  BurnRateAlert,
  BurnRateWindow,
  classifySloState,
  DEFAULT_BURN_RATE_WINDOWS,
  evaluateBurnRateAlerts,
  SloState,
} from './burnRateAlerts';
import {
  burnRate,
  countTimeslices,
  errorBudgetConsumed,
  errorBudgetRemaining,
  errorRatio,
  sli,
  SloCounts,
  sumCounts,
  timeToExhaustion,
} from './sloMath';
import { parseSloDuration, SloDefinitionError, sloPeriod } from './sloWindow';

/** Counts over one stretch of time (chart buckets, time slices). @public */
export type SloBucketCounts = SloCounts & {
  /** Start of the stretch, epoch milliseconds. */
  start: number;
};

/**
 * What a provider observed for one SLO. Counts may be in any unit that is
 * the same across windows (events, or per-second rates over equal-length
 * buckets); only their ratios matter. For `Timeslices` SLOs they are counts
 * of slices (see {@link observeTimeslices}).
 * @public
 */
export type SloObservation = {
  /** Counts per alert window key (`5m`, `1h`, …); missing means no data. */
  windowCounts: Partial<Record<string, SloCounts>>;
  /** Counts over the SLO period. */
  periodCounts: SloCounts;
  /** Counts per chart bucket over the period, oldest first. */
  buckets: SloBucketCounts[];
};

/** One point of the SLO card's charts. @public */
export type SloSeriesPoint = {
  /** Start of the bucket, epoch milliseconds. */
  start: number;
  /** SLI within the bucket; `null` without events. */
  sli: number | null;
  /** Budget left at the end of the bucket (share of the period's budget). */
  budgetRemaining: number;
};

/** Everything the SLO card shows about one SLO. @public */
export type SloStatus = {
  name: string;
  description?: string;
  objective: number;
  window: string;
  calendar: boolean;
  budgetingMethod: 'Occurrences' | 'Timeslices';
  /** What the counts count. */
  unit: 'events' | 'slices';
  /** The period, epoch milliseconds. */
  periodStart: number;
  periodEnd: number;
  counts: SloCounts;
  /** `null` without events in the period. */
  sli: number | null;
  errorBudgetRemaining: number;
  errorBudgetConsumed: number;
  /** Burn rate per alert window; `null` without data for that window. */
  burnRates: Record<string, number | null>;
  alerts: BurnRateAlert[];
  state: SloState;
  /** At the current burn rate; `null` when nothing burns. */
  timeToExhaustionMs: number | null;
  /** The window whose burn rate `timeToExhaustionMs` uses. */
  currentWindow: string;
  /** A sentence for people: what the numbers mean. */
  summary: string;
  series: SloSeriesPoint[];
};

/** The chart bucket for a period: at most ~180 points. @public */
export function chartBucketMs(periodLengthMs: number): number {
  const candidates = [1, 2, 3, 6, 12, 24].map(h => h * 3_600_000);
  return (
    candidates.find(ms => periodLengthMs / ms <= 180) ?? 7 * 24 * 3_600_000
  );
}

/**
 * Turns per-slice event counts into an observation in slices: windows count
 * the slices that start inside them, chart buckets the slices inside each
 * bucket, with {@link countTimeslices} deciding good, bad and empty slices.
 * @public
 */
export function observeTimeslices(options: {
  slices: SloBucketCounts[];
  sliceMs: number;
  timeSliceTarget: number;
  periodStart: number;
  now: number;
  bucketMs: number;
  windowKeys: string[];
}): SloObservation {
  const { slices, sliceMs, timeSliceTarget, periodStart, now, bucketMs } =
    options;
  const inPeriod = slices.filter(
    s => s.start >= periodStart && s.start + sliceMs <= now,
  );
  const windowCounts: Partial<Record<string, SloCounts>> = {};
  for (const key of options.windowKeys) {
    const ms = parseSloDuration(key);
    if (ms === undefined) continue;
    windowCounts[key] = countTimeslices(
      inPeriod.filter(s => s.start >= now - ms),
      timeSliceTarget,
    );
  }
  const byBucket = new Map<number, SloCounts[]>();
  for (const s of inPeriod) {
    const bucket =
      periodStart + Math.floor((s.start - periodStart) / bucketMs) * bucketMs;
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), s]);
  }
  return {
    windowCounts,
    periodCounts: countTimeslices(inPeriod, timeSliceTarget),
    buckets: [...byBucket.entries()]
      .sort(([a], [b]) => a - b)
      .map(([start, list]) => ({
        start,
        ...countTimeslices(list, timeSliceTarget),
      })),
  };
}

const WINDOW_WORDS: Record<string, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
};

/** `1h` → "the last hour", `3d` → "the last 3 days". @public */
export function describeWindow(key: string): string {
  const match = /^(\d+)([smhdw])$/.exec(key);
  if (!match) return `the last ${key}`;
  const n = Number(match[1]);
  const word = WINDOW_WORDS[match[2]];
  return n === 1 ? `the last ${word}` : `the last ${n} ${word}s`;
}

/** 2 days, 5 hours, 40 minutes: how people say how long. @public */
export function describeDuration(ms: number): string {
  const minutes = ms / 60_000;
  const plural = (n: number, word: string) =>
    `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return plural(Math.round(minutes), 'minute');
  const hours = minutes / 60;
  if (hours < 48) return plural(Math.round(hours), 'hour');
  return plural(Math.round(hours / 24), 'day');
}

function percent(share: number): string {
  const value = share * 100;
  return `${Math.abs(value) < 10 ? value.toFixed(1) : Math.round(value)}%`;
}

function rate(value: number): string {
  if (value === 0) return '0×';
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}×`;
}

function periodWords(slo: Pick<MLModelSlo, 'window' | 'calendar'>): string {
  if (!slo.calendar) return `in ${describeWindow(slo.window)}`;
  const unit = slo.window.slice(-1);
  return `this ${
    (
      { d: 'day', w: 'week', M: 'month', Q: 'quarter' } as Record<
        string,
        string
      >
    )[unit] ?? 'period'
  }`;
}

function summarise(
  slo: MLModelSlo,
  status: Omit<SloStatus, 'summary' | 'series'>,
  now: number,
): string {
  const what = status.unit === 'slices' ? 'time slices with traffic' : 'events';
  if (status.counts.total === 0) {
    return `No ${what} ${periodWords(
      slo,
    )} yet, so none of the error budget is spent.`;
  }
  const current = status.burnRates[status.currentWindow];
  if (status.errorBudgetRemaining <= 0) {
    return `The error budget is exhausted: ${percent(
      status.errorBudgetConsumed,
    )} of it was spent ${periodWords(slo)}.`;
  }
  const left = `${percent(status.errorBudgetRemaining)} of the budget is left`;
  const eta =
    status.timeToExhaustionMs !== null
      ? `at this rate the budget is gone in ${describeDuration(
          status.timeToExhaustionMs,
        )}`
      : undefined;
  const currentWords = `${describeWindow(status.currentWindow)}`;
  switch (status.state) {
    case 'Critical':
    case 'Increasing':
      return `Burning ${rate(
        current ?? 0,
      )} faster than the SLO allows over ${currentWords}: ${
        eta ?? 'the budget is shrinking'
      }. ${left}.`;
    case 'Recovering': {
      const slowing = status.alerts.find(a => {
        const long = status.burnRates[a.long] ?? 0;
        return long > 1 && (status.burnRates[a.short] ?? 0) < long;
      });
      if (!slowing) return `Recovering. ${left}.`;
      return `Recovering: burning ${rate(
        status.burnRates[slowing.short] ?? 0,
      )} over ${describeWindow(slowing.short)}, down from ${rate(
        status.burnRates[slowing.long] ?? 0,
      )} over ${describeWindow(slowing.long)}. ${left}.`;
    }
    default: {
      const periodLeftMs = status.periodEnd - now;
      const lasts =
        status.timeToExhaustionMs === null ||
        (status.calendar && status.timeToExhaustionMs > periodLeftMs) ||
        (current ?? 0) <= 1;
      return lasts
        ? `${left}; at the current rate it lasts the whole ${
            slo.calendar ? 'period' : 'window'
          }.`
        : `${left}; ${eta}.`;
    }
  }
}

/**
 * Evaluates one SLO on what a provider observed: SLI, error budget, burn
 * rates per window, the multi-window alerts, the state and the sentence that
 * explains it, and the chart series (SLI per bucket, budget burn-down).
 * @public
 */
export function evaluateSlo(options: {
  slo: MLModelSlo;
  observation: SloObservation;
  now: number;
  windows?: readonly BurnRateWindow[];
}): SloStatus {
  const { slo, observation, now } = options;
  const windows = options.windows ?? DEFAULT_BURN_RATE_WINDOWS;
  const target = slo.objective;
  const period = sloPeriod(slo, now);
  const timeslices = slo.budgetingMethod === 'Timeslices';
  if (timeslices && slo.timeSliceTarget === undefined) {
    throw new SloDefinitionError(
      `SLO ${slo.name}: timeSliceTarget is required when budgetingMethod is Timeslices`,
    );
  }

  const burnRates: Record<string, number | null> = {};
  const errorRatios: Record<string, number | undefined> = {};
  for (const key of alertWindowKeys(windows)) {
    const counts = observation.windowCounts[key];
    if (!counts || counts.total === 0) {
      burnRates[key] = counts ? 0 : null;
      errorRatios[key] = counts ? 0 : undefined;
      continue;
    }
    const bad = Math.max(0, counts.total - counts.good);
    errorRatios[key] = errorRatio({ bad, total: counts.total });
    burnRates[key] = burnRate({ bad, total: counts.total, target });
  }
  const alerts = evaluateBurnRateAlerts({ target, errorRatios, windows });
  const counts = observation.periodCounts;
  const remaining = errorBudgetRemaining({ ...counts, target });
  const state = classifySloState({
    budgetRemaining: remaining,
    alerts,
    burnRates: Object.fromEntries(
      Object.entries(burnRates).map(([k, v]) => [k, v ?? undefined]),
    ),
  });
  const currentWindow = windows[0]?.long ?? '1h';
  const current = burnRates[currentWindow] ?? 0;
  const tte = timeToExhaustion({
    remaining,
    burnRate: current,
    windowMs: period.lengthMs,
  });

  const status: Omit<SloStatus, 'summary' | 'series'> = {
    name: slo.name,
    ...(slo.description ? { description: slo.description } : {}),
    objective: target,
    window: slo.window,
    calendar: !!slo.calendar,
    budgetingMethod: timeslices ? 'Timeslices' : 'Occurrences',
    unit: timeslices ? 'slices' : 'events',
    periodStart: period.start,
    periodEnd: period.start + period.lengthMs,
    counts,
    sli: sli(counts) ?? null,
    errorBudgetRemaining: remaining,
    errorBudgetConsumed: errorBudgetConsumed({ ...counts, target }),
    burnRates,
    alerts,
    state,
    timeToExhaustionMs: tte === undefined ? null : tte,
    currentWindow,
  };
  return {
    ...status,
    summary: summarise(slo, status, now),
    series: burnDownSeries(observation.buckets, target),
  };
}

/**
 * The SLI per bucket and the budget left after each bucket. The budget is a
 * share of the period's whole budget: allowed bad = (1 − target) × all
 * events of the period, so the last point equals the period's remaining
 * budget.
 * @public
 */
export function burnDownSeries(
  buckets: SloBucketCounts[],
  target: number,
): SloSeriesPoint[] {
  const all = sumCounts(buckets);
  const allowedBad = (1 - target) * all.total;
  let bad = 0;
  return buckets.map(bucket => {
    bad += Math.max(0, bucket.total - bucket.good);
    return {
      start: bucket.start,
      sli: bucket.total === 0 ? null : bucket.good / bucket.total,
      budgetRemaining: allowedBad === 0 ? 1 : 1 - bad / allowedBad,
    };
  });
}
