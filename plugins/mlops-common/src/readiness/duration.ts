const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Milliseconds in a duration such as `90d`, `12w`, `36h` or `30m`, or
 * `undefined` when the text is not one. Months and years are left out on
 * purpose: their length varies, and an expiry date must not.
 * @public
 */
export function parseReadinessDuration(text: string): number | undefined {
  const match = /^([1-9]\d*)(m|h|d|w)$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return Number.isSafeInteger(ms) ? ms : undefined;
}
