import { Config } from '@backstage/config';
import {
  ConfiguredKubernetesCluster,
  DEFAULT_KUBERNETES_TIMEOUT_MS,
} from './KubernetesClusterDetails';
import { validateClusterUrl } from './validateClusterUrl';

/** The locator type and auth provider of the clusters the portal acts on. */
export const SERVICE_ACCOUNT_CLUSTERS =
  'kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount)';

/** One entry of `clusters` of a `config` locator, not yet validated. */
export interface KubernetesClusterEntry {
  config: Config;
  /** e.g. `kubernetes.clusterLocatorMethods[0].clusters[1]` */
  path: string;
  authProvider: string;
}

/**
 * Every cluster entry of the `config` locators of
 * `kubernetes.clusterLocatorMethods`, the configuration Backstage's
 * Kubernetes plugin reads, so that a portal declares a cluster once. Other
 * locator types (catalog, gke, localKubectlProxy) find clusters at run time
 * with credentials of their own and are the Kubernetes plugin's business.
 */
export function kubernetesClusterEntries(
  config: Config,
): KubernetesClusterEntry[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods.flatMap((method, methodIndex) =>
    method.getString('type') !== 'config'
      ? []
      : (method.getOptionalConfigArray('clusters') ?? []).map(
          (cluster, clusterIndex) => ({
            config: cluster,
            path: `kubernetes.clusterLocatorMethods[${methodIndex}].clusters[${clusterIndex}]`,
            authProvider:
              cluster.getOptionalString('authProvider') ?? 'serviceAccount',
          }),
        ),
  );
}

/** Whether the portal acts on the entry's cluster: with a service account only (OIDC, AWS, … act as the signed-in user). */
export function isServiceAccountEntry(entry: KubernetesClusterEntry): boolean {
  return entry.authProvider === 'serviceAccount';
}

/**
 * The longest timer Node.js keeps (2^31 − 1 ms, about 24.8 days): a longer
 * `AbortSignal.timeout` overflows to 1 ms and would abort every request.
 */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The cluster of one entry; throws an error naming the offending path. */
export function readKubernetesClusterEntry({
  config,
  path,
}: KubernetesClusterEntry): ConfiguredKubernetesCluster {
  const name = config.getString('name');
  const timeoutMs =
    config.getOptionalNumber('timeoutMs') ?? DEFAULT_KUBERNETES_TIMEOUT_MS;
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new Error(
      `Invalid ${path}.timeoutMs: must be a positive number of milliseconds, at most ${MAX_TIMEOUT_MS}, got ${timeoutMs}`,
    );
  }
  const caData = config.getOptionalString('caData');
  const caFile = config.getOptionalString('caFile');
  const serviceAccountToken = config.getOptionalString('serviceAccountToken');
  return {
    name,
    url: validateClusterUrl(config.getString('url'), `${path}.url`),
    ...(caData ? { caData } : {}),
    ...(caFile ? { caFile } : {}),
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify') ?? false,
    ...(serviceAccountToken ? { serviceAccountToken } : {}),
    timeoutMs,
  };
}
