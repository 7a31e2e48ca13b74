/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort` does without
 * a comparator, but usable where a comparator is required; unlike
 * `localeCompare` the order does not depend on the runtime's locale, so labels
 * and categories come out in the same order in the browser and the backend.
 */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
