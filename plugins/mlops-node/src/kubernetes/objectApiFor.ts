import {
  createConfiguration,
  KubernetesObjectApi,
  ServerConfiguration,
} from '@kubernetes/client-node';
import {
  DEFAULT_KUBERNETES_TIMEOUT_MS,
  KubernetesClusterDetails,
} from './KubernetesClusterDetails';
import { kubeConfigFor } from './kubeConfigFor';
import { requestTimeoutMiddleware } from './requestTimeoutMiddleware';

/**
 * A client-node `KubernetesObjectApi` (generic create, read, patch, delete
 * of any kind) for the cluster, whose every request, the API discovery it
 * makes first included, is aborted after the cluster's `timeoutMs`
 * ({@link requestTimeoutMiddleware}).
 *
 * @public
 */
export function objectApiFor(
  cluster: KubernetesClusterDetails,
): KubernetesObjectApi {
  const timeoutMs = cluster.timeoutMs ?? DEFAULT_KUBERNETES_TIMEOUT_MS;
  return new KubernetesObjectApi(
    createConfiguration({
      baseServer: new ServerConfiguration(cluster.url, {}),
      authMethods: { default: kubeConfigFor(cluster) },
      middleware: [requestTimeoutMiddleware(timeoutMs)],
    }),
  );
}
