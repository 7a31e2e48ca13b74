/**
 * Whether a URL taken from an entity or a user may be shown as a link:
 * absolute http(s), without embedded credentials. Anything else
 * (`javascript:`, `file:`, relative paths) could run script or leak secrets
 * when rendered.
 */
export function isSafeHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  );
}
