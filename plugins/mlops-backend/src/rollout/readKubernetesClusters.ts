import { Config } from '@backstage/config';

/** A cluster the canary panel may talk to. */
export interface KubernetesClusterDetails {
  name: string;
  /** The API server, always `https:` without credentials. */
  url: string;
  /** Base64 PEM of the CA that signs the API server's certificate. */
  caData?: string;
  /** Path of a PEM file with that CA (read when the cluster is first used). */
  caFile?: string;
  skipTLSVerify: boolean;
  /** Bearer token of the portal's service account. */
  serviceAccountToken?: string;
  /** How long one request may take before it is abandoned (default {@link DEFAULT_KUBERNETES_TIMEOUT_MS}). */
  timeoutMs?: number;
}

/**
 * Ten seconds: an API server answers a get or a patch in milliseconds, so a
 * request still open after this is hanging, and the user should hear so
 * while they still remember what they clicked.
 */
export const DEFAULT_KUBERNETES_TIMEOUT_MS = 10_000;

/**
 * Refuses API server URLs that would leak credentials or let TLS be
 * skipped by scheme: only `https:`, no `user:password@`, no query or
 * fragment. The same idea as Backstage's `validateClusterApiServerUrl`,
 * applied to every cluster at start-up.
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
  return url.toString().replace(/\/$/, '');
}

/**
 * Reads the clusters of `kubernetes.clusterLocatorMethods` entries of type
 * `config`, the configuration Backstage's Kubernetes plugin reads, so that a
 * portal declares its clusters once. Other locator types (catalog, gke, …)
 * are not read here. Throws an error naming the offending path for an
 * invalid cluster, which stops the backend at start-up.
 */
export function readKubernetesClusters(
  config: Config,
): Map<string, KubernetesClusterDetails> {
  const clusters = new Map<string, KubernetesClusterDetails>();
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  methods.forEach((method, methodIndex) => {
    if (method.getString('type') !== 'config') return;
    const entries = method.getOptionalConfigArray('clusters') ?? [];
    entries.forEach((cluster, clusterIndex) => {
      const path = `kubernetes.clusterLocatorMethods[${methodIndex}].clusters[${clusterIndex}]`;
      const name = cluster.getString('name');
      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      if (authProvider !== 'serviceAccount') {
        // Clusters for other auth providers stay the Kubernetes plugin's;
        // the canary panel acts with a service account only.
        return;
      }
      if (clusters.has(name)) {
        throw new Error(
          `Invalid ${path}.name: cluster "${name}" is configured twice`,
        );
      }
      const timeoutMs = cluster.getOptionalNumber('timeoutMs');
      if (
        timeoutMs !== undefined &&
        !(Number.isFinite(timeoutMs) && timeoutMs > 0)
      ) {
        throw new Error(
          `Invalid ${path}.timeoutMs: must be a positive number of milliseconds, got ${timeoutMs}`,
        );
      }
      const caData = cluster.getOptionalString('caData');
      const caFile = cluster.getOptionalString('caFile');
      clusters.set(name, {
        name,
        url: validateClusterUrl(cluster.getString('url'), `${path}.url`),
        ...(caData ? { caData } : {}),
        ...(caFile ? { caFile } : {}),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
    });
  });
  return clusters;
}
