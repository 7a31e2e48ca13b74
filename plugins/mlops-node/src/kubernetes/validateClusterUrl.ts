/**
 * Refuses Kubernetes API server URLs that would leak credentials or let TLS
 * be skipped by scheme: only `https:`, no `user:password@` (the token
 * belongs in `serviceAccountToken`, which configuration keeps secret), no
 * query or fragment. The same idea as Backstage's
 * `validateClusterApiServerUrl`. Returns the URL without a trailing slash,
 * so that client-node's request paths join it cleanly.
 *
 * @param where - the configuration path named in the error, e.g.
 *   `kubernetes.clusterLocatorMethods[0].clusters[1].url`
 * @public
 */
export function validateClusterUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Invalid ${where}: "${value}" is not a URL`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `Invalid ${where}: the Kubernetes API server URL must use https, got ${url.protocol.replace(
        ':',
        '',
      )}`,
    );
  }
  if (url.username || url.password) {
    throw new Error(
      `Invalid ${where}: the Kubernetes API server URL must not contain credentials; use serviceAccountToken`,
    );
  }
  if (url.search || url.hash) {
    throw new Error(
      `Invalid ${where}: the Kubernetes API server URL must not have a query or fragment`,
    );
  }
  // From origin and path, so that an empty `?` or `#` cannot survive.
  return `${url.origin}${url.pathname}`.replace(/\/$/, '');
}
