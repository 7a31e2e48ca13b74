/**
 * Entity YAML is untrusted: only http(s) URLs become links, so that a
 * `javascript:` or `data:` URL written in an entity cannot run in the portal.
 */
export function isSafeHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
