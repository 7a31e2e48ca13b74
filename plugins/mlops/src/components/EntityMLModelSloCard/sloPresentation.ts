/** 99.95% — enough digits to tell objectives such as 99.9% and 99.95% apart. */
export function formatPercent(share: number, digits = 2): string {
  const value = share * 100;
  const text = Number(value.toFixed(digits)).toString();
  return `${text.replace('-', '−')}%`;
}

/** 14.4×, 0.3×. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return 'no data';
  if (rate === 0) return '0×';
  return `${rate < 10 ? rate.toFixed(1) : Math.round(rate)}×`;
}

/** 26 Nov, for chart axes. */
export function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** 26 Nov 14:00 UTC, for tooltips. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "30 days", "calendar month" — how the window reads. */
export function describeSloWindow(window: string, calendar: boolean): string {
  const match = /^(\d+)([hdwMQ])$/.exec(window);
  if (!match) return window;
  const n = Number(match[1]);
  const unit = match[2];
  if (calendar) {
    return `calendar ${
      (
        { d: 'day', w: 'week', M: 'month', Q: 'quarter', h: 'hour' } as Record<
          string,
          string
        >
      )[unit]
    }`;
  }
  const word =
    ({ h: 'hour', d: 'day', w: 'week' } as Record<string, string>)[unit] ??
    unit;
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
