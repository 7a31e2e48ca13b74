/**
 * Readers for untrusted Kubernetes JSON: objects from a cluster are only
 * looked at through these, so a missing or mistyped field reads as absent
 * rather than throwing halfway through a normalisation.
 */

export type UnknownRecord = Record<string, unknown>;

export function recordAt(
  value: unknown,
  ...path: string[]
): UnknownRecord | undefined {
  let node: unknown = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node))
      return undefined;
    node = (node as UnknownRecord)[key];
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node)
    ? (node as UnknownRecord)
    : undefined;
}

export function valueAt(value: unknown, ...path: string[]): unknown {
  const parent = recordAt(value, ...path.slice(0, -1));
  return parent?.[path[path.length - 1]];
}

export function stringAt(
  value: unknown,
  ...path: string[]
): string | undefined {
  const v = valueAt(value, ...path);
  return typeof v === 'string' ? v : undefined;
}

export function numberAt(
  value: unknown,
  ...path: string[]
): number | undefined {
  const v = valueAt(value, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function arrayAt(value: unknown, ...path: string[]): unknown[] {
  const v = valueAt(value, ...path);
  return Array.isArray(v) ? v : [];
}

export function stringMapAt(
  value: unknown,
  ...path: string[]
): Record<string, string> {
  const record = recordAt(value, ...path) ?? {};
  return Object.fromEntries(
    Object.entries(record).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}
