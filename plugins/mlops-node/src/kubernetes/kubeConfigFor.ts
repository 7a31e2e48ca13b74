import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesClusterDetails } from './KubernetesClusterDetails';

/** The kubeconfig user the portal's service account appears as. */
const PORTAL_USER = 'mlops-portal';

/**
 * A client-node `KubeConfig` with this one cluster as its current context,
 * authenticated with the cluster's service-account token. Built from the
 * cluster's details alone, never from `~/.kube/config` or the pod's
 * environment, so the portal reaches only the clusters configured for it.
 *
 * @public
 */
export function kubeConfigFor(cluster: KubernetesClusterDetails): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        ...(cluster.caData ? { caData: cluster.caData } : {}),
        ...(cluster.caFile ? { caFile: cluster.caFile } : {}),
      },
    ],
    users: [
      {
        name: PORTAL_USER,
        ...(cluster.serviceAccountToken
          ? { token: cluster.serviceAccountToken }
          : {}),
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: PORTAL_USER },
    ],
    currentContext: cluster.name,
  });
  return kubeConfig;
}
