/**
 * One long/short window pair of a multi-window, multi-burn-rate alert: it
 * fires when the error ratio over both windows is strictly above
 * `factor × (1 − target)`. The short window makes the alert stop soon after
 * the burning stops. @public
 */
export type BurnRateWindow = {
  /** The long window, e.g. `1h`. */
  long: string;
  /** The short window, usually a twelfth of the long one, e.g. `5m`. */
  short: string;
  /** The burn-rate factor, e.g. 14.4 (2% of a 30-day budget in one hour). */
  factor: number;
  /** `page` wakes someone up; `ticket` is for working hours. */
  severity: 'page' | 'ticket';
};

/**
 * The Site Reliability Workbook's recommended table for a 30-day SLO
 * (chapter 5, "Multiwindow, multi-burn-rate alerts"): 2% of the budget in an
 * hour or 5% in six hours pages; 10% in a day or 10% in three days opens a
 * ticket.
 * @public
 */
export const DEFAULT_BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { long: '1h', short: '5m', factor: 14.4, severity: 'page' },
  { long: '6h', short: '30m', factor: 6, severity: 'page' },
  { long: '1d', short: '2h', factor: 3, severity: 'ticket' },
  { long: '3d', short: '6h', factor: 1, severity: 'ticket' },
];

/** Every window the default table reads, shortest first. @public */
export const DEFAULT_ALERT_WINDOW_KEYS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/** The windows a table of pairs needs, without duplicates. @public */
export function alertWindowKeys(
  windows: readonly BurnRateWindow[] = DEFAULT_BURN_RATE_WINDOWS,
): string[] {
  return [...new Set(windows.flatMap(w => [w.short, w.long]))];
}

/** How one pair was judged. @public */
export type BurnRateAlert = BurnRateWindow & {
  /** factor × (1 − target): the error ratio both windows must exceed. */
  threshold: number;
  longErrorRatio: number | undefined;
  shortErrorRatio: number | undefined;
  firing: boolean;
};

/**
 * Judges each long/short pair (default: the workbook's 30-day table) on the
 * error ratios per window. A pair fires when both ratios are strictly above
 * `factor × (1 − target)`; a window without a ratio (no data) never fires.
 * @public
 */
export function evaluateBurnRateAlerts({
  target,
  errorRatios,
  windows = DEFAULT_BURN_RATE_WINDOWS,
}: {
  target: number;
  errorRatios: Partial<Record<string, number | undefined>>;
  windows?: readonly BurnRateWindow[];
}): BurnRateAlert[] {
  if (!(target > 0 && target < 1)) {
    throw new RangeError(
      `target must be strictly between 0 and 1 (got ${target})`,
    );
  }
  return windows.map(window => {
    const threshold = window.factor * (1 - target);
    const longErrorRatio = errorRatios[window.long];
    const shortErrorRatio = errorRatios[window.short];
    const above = (ratio: number | undefined) =>
      ratio !== undefined && Number.isFinite(ratio) && ratio > threshold;
    return {
      ...window,
      threshold,
      longErrorRatio,
      shortErrorRatio,
      firing: above(longErrorRatio) && above(shortErrorRatio),
    };
  });
}

/**
 * The plain reading of an SLO, worst first:
 *
 * - `Critical`: the error budget of the period is spent (remaining ≤ 0), or
 *   a `page` pair fires — at this pace the budget is gone within days.
 * - `Increasing`: a `ticket` pair fires, or over the fastest pair (5m/1h
 *   by default) the short window burns faster than 1 and no slower than the
 *   long one — the budget is being spent faster than the SLO affords, and
 *   not slowing down.
 * - `Recovering`: in some pair the long window burns faster than 1 but the
 *   short window burns slower than the long one — there was a burn, and it
 *   has stopped or is slowing down.
 * - `Acceptable`: none of the above.
 * @public
 */
export type SloState = 'Critical' | 'Increasing' | 'Recovering' | 'Acceptable';

/** States from worst to best, for sorting and roll-ups. @public */
export const SLO_STATES: readonly SloState[] = [
  'Critical',
  'Increasing',
  'Recovering',
  'Acceptable',
];

/** The worse of the states, `undefined` for none. @public */
export function worstSloState(
  states: Iterable<SloState>,
): SloState | undefined {
  let worst: SloState | undefined;
  for (const state of states) {
    if (
      worst === undefined ||
      SLO_STATES.indexOf(state) < SLO_STATES.indexOf(worst)
    ) {
      worst = state;
    }
  }
  return worst;
}

/** Classifies an SLO; see {@link SloState} for the rules. @public */
export function classifySloState({
  budgetRemaining,
  alerts,
  burnRates,
}: {
  budgetRemaining: number;
  alerts: BurnRateAlert[];
  /** Burn rate per window key. */
  burnRates: Partial<Record<string, number | undefined>>;
}): SloState {
  if (budgetRemaining <= 0) return 'Critical';
  if (alerts.some(a => a.severity === 'page' && a.firing)) return 'Critical';
  if (alerts.some(a => a.severity === 'ticket' && a.firing)) {
    return 'Increasing';
  }
  const fastest = alerts[0];
  if (fastest) {
    const short = burnRates[fastest.short];
    const long = burnRates[fastest.long];
    if (short !== undefined && short > 1 && short >= (long ?? 0)) {
      return 'Increasing';
    }
  }
  const stopped = alerts.some(a => {
    const short = burnRates[a.short];
    const long = burnRates[a.long];
    return long !== undefined && long > 1 && (short ?? 0) < long;
  });
  return stopped ? 'Recovering' : 'Acceptable';
}
