import { MLModelSlo } from '../kinds/MLModelEntityV1alpha1';

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** An SLO definition that cannot be evaluated as written. @public */
export class SloDefinitionError extends Error {
  name = 'SloDefinitionError';
}

/**
 * Milliseconds in a Prometheus-style duration (`30s`, `5m`, `1h`, `3d`,
 * `1w`), or `undefined` when the text is not one.
 * @public
 */
export function parseSloDuration(text: string): number | undefined {
  const match = /^([1-9]\d*)(s|m|h|d|w)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** The period an SLO is judged over, as of some moment. @public */
export type SloPeriod = {
  /** Start of the period (rolling: now − window; calendar: start of the month, quarter…). */
  start: number;
  /** The evaluation moment. */
  end: number;
  /** The full length of the period: a calendar month is its number of days. */
  lengthMs: number;
  calendar: boolean;
};

function utcStartOfDay(t: Date) {
  return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
}

/**
 * The period of an SLO at `now`. Rolling windows end at `now`. Calendar
 * windows (`calendar: true`) are UTC periods that contain `now`: `1d` a day,
 * `1w` an ISO week from Monday, `1M` a month, `1Q` a quarter; a budget
 * starts afresh when the period does.
 * @public
 */
export function sloPeriod(
  slo: Pick<MLModelSlo, 'window' | 'calendar'>,
  now: number,
): SloPeriod {
  const match = /^([1-9]\d*)(h|d|w|M|Q)$/.exec(slo.window);
  if (!match) {
    throw new SloDefinitionError(
      `window ${JSON.stringify(
        slo.window,
      )} is not a window such as 7d, 28d, 30d or 1M`,
    );
  }
  const count = Number(match[1]);
  const unit = match[2];
  if (!slo.calendar) {
    if (unit === 'M' || unit === 'Q') {
      throw new SloDefinitionError(
        `window ${slo.window} is a calendar window: set calendar: true`,
      );
    }
    const lengthMs = count * UNIT_MS[unit];
    return { start: now - lengthMs, end: now, lengthMs, calendar: false };
  }
  if (count !== 1) {
    throw new SloDefinitionError(
      `calendar window ${slo.window} is not supported: use 1d, 1w, 1M or 1Q`,
    );
  }
  const t = new Date(now);
  let start: number;
  let next: number;
  if (unit === 'h') {
    throw new SloDefinitionError(
      `calendar window ${slo.window} is not supported: use 1d, 1w, 1M or 1Q`,
    );
  } else if (unit === 'd') {
    start = utcStartOfDay(t);
    next = start + UNIT_MS.d;
  } else if (unit === 'w') {
    const daysSinceMonday = (t.getUTCDay() + 6) % 7;
    start = utcStartOfDay(t) - daysSinceMonday * UNIT_MS.d;
    next = start + UNIT_MS.w;
  } else {
    const months = unit === 'M' ? 1 : 3;
    const firstMonth =
      unit === 'M' ? t.getUTCMonth() : t.getUTCMonth() - (t.getUTCMonth() % 3);
    start = Date.UTC(t.getUTCFullYear(), firstMonth, 1);
    next = Date.UTC(t.getUTCFullYear(), firstMonth + months, 1);
  }
  return { start, end: now, lengthMs: next - start, calendar: true };
}

/**
 * The rolling window that stands in for a calendar one where only rolling
 * windows exist (Prometheus range selectors): `1M` → `30d`, `1Q` → `90d`.
 * @public
 */
export function rollingEquivalent(
  slo: Pick<MLModelSlo, 'window' | 'calendar'>,
): string {
  const match = /^([1-9]\d*)(h|d|w|M|Q)$/.exec(slo.window);
  if (!match) {
    throw new SloDefinitionError(
      `window ${JSON.stringify(
        slo.window,
      )} is not a window such as 7d, 28d or 30d`,
    );
  }
  const count = Number(match[1]);
  if (match[2] === 'M') return `${count * 30}d`;
  if (match[2] === 'Q') return `${count * 90}d`;
  return slo.window;
}
