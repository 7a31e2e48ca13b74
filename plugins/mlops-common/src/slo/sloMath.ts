/*
 * Error-budget arithmetic as in "The Site Reliability Workbook", chapter 5
 * ("Alerting on SLOs"): the error budget of an SLO with target T is the share
 * 1 − T of events that may fail; the burn rate is how fast that budget is
 * being spent relative to spending exactly all of it over the SLO window.
 */

/** Good and total event counts over some period (or good and total slices). @public */
export type SloCounts = { good: number; total: number };

function assertCount(name: string, value: number) {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0 (got ${value})`);
  }
}

function assertTarget(target: number) {
  if (!(target > 0 && target < 1)) {
    throw new RangeError(
      `target must be strictly between 0 and 1 (got ${target})`,
    );
  }
}

function assertParts(part: number, partName: string, total: number) {
  assertCount(partName, part);
  assertCount('total', total);
  if (part > total) {
    throw new RangeError(
      `${partName} (${part}) must not exceed total (${total})`,
    );
  }
}

/**
 * The service level indicator: the share of good events. `undefined` without
 * traffic — an SLI of "no events" is neither 0% nor 100%.
 * @public
 */
export function sli({ good, total }: SloCounts): number | undefined {
  assertParts(good, 'good', total);
  return total === 0 ? undefined : good / total;
}

/** The share of bad events, 0 without traffic (no event failed). @public */
export function errorRatio({
  bad,
  total,
}: {
  bad: number;
  total: number;
}): number {
  assertParts(bad, 'bad', total);
  return total === 0 ? 0 : bad / total;
}

/**
 * How many times faster than "exactly the whole budget over the window" the
 * budget is being spent: the error ratio divided by 1 − target. 1 spends the
 * budget exactly by the end of the window; 0 without traffic.
 * @public
 */
export function burnRate({
  bad,
  total,
  target,
}: {
  bad: number;
  total: number;
  target: number;
}): number {
  assertTarget(target);
  return errorRatio({ bad, total }) / (1 - target);
}

/**
 * The share of the error budget that is spent: the error ratio over the
 * whole SLO window divided by 1 − target. Above 1 when the budget is overspent.
 * @public
 */
export function errorBudgetConsumed({
  good,
  total,
  target,
}: SloCounts & { target: number }): number {
  assertParts(good, 'good', total);
  const consumed = burnRate({ bad: total - good, total, target });
  // 1 − 0.99 is 0.010000000000000009 in binary floating point: a budget
  // spent to the last event must read as spent, not as 1e-15 left.
  return Math.abs(consumed - 1) < 1e-9 ? 1 : consumed;
}

/**
 * The share of the error budget left: 1 − consumed. Goes below zero when the
 * budget is overspent (−0.5 means half a budget too much was spent); 1
 * without traffic.
 * @public
 */
export function errorBudgetRemaining({
  good,
  total,
  target,
}: SloCounts & { target: number }): number {
  return 1 - errorBudgetConsumed({ good, total, target });
}

/**
 * Milliseconds until the remaining budget is spent if the burn rate stays as
 * it is: remaining × window ÷ burn rate (a burn rate of 1 spends a whole
 * budget in one window). 0 when the budget is already spent; `undefined`
 * when nothing is burning. It ignores that old errors leave a rolling window,
 * so it is the pessimistic reading that an alert should give.
 * @public
 */
export function timeToExhaustion({
  remaining,
  burnRate: rate,
  windowMs,
}: {
  remaining: number;
  burnRate: number;
  windowMs: number;
}): number | undefined {
  if (remaining <= 0) return 0;
  if (!(rate > 0)) return undefined;
  return (remaining * windowMs) / rate;
}

/**
 * Counts of good and bad time slices (OpenSLO `Timeslices` budgeting): a
 * slice is good when its share of good events is at least `timeSliceTarget`
 * (a slice exactly at the target is good). A slice without events is left
 * out entirely: it is neither good nor bad, so a quiet night neither earns
 * nor spends budget. The result is in slices and feeds the same functions
 * as event counts.
 * @public
 */
export function countTimeslices(
  slices: SloCounts[],
  timeSliceTarget: number,
): SloCounts {
  assertTarget(timeSliceTarget);
  let good = 0;
  let total = 0;
  for (const slice of slices) {
    assertParts(slice.good, 'good', slice.total);
    if (slice.total === 0) continue;
    total += 1;
    if (slice.good / slice.total >= timeSliceTarget) good += 1;
  }
  return { good, total };
}

/** Adds up counts. @public */
export function sumCounts(counts: Iterable<SloCounts>): SloCounts {
  let good = 0;
  let total = 0;
  for (const c of counts) {
    good += c.good;
    total += c.total;
  }
  return { good, total };
}
