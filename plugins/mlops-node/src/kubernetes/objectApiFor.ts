import {
  createConfiguration,
  KubernetesObjectApi,
  Observable,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
} from '@kubernetes/client-node';
import {
  DEFAULT_KUBERNETES_TIMEOUT_MS,
  KubernetesClusterDetails,
} from './KubernetesClusterDetails';
import { kubeConfigFor } from './kubeConfigFor';

/**
 * A client-node `KubernetesObjectApi` (generic create, read, patch, delete
 * of any kind) for the cluster, whose every request, the API discovery it
 * makes first included, is aborted after the cluster's `timeoutMs`:
 * client-node has no timeout of its own, and an API server that accepts the
 * connection but never answers would otherwise hold the caller forever. An
 * aborted request rejects with an error named `AbortError` or
 * `TimeoutError`.
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
      middleware: [
        {
          pre: (context: RequestContext) => {
            context.setSignal(AbortSignal.timeout(timeoutMs));
            return new Observable(Promise.resolve(context));
          },
          post: (response: ResponseContext) =>
            new Observable(Promise.resolve(response)),
        },
      ],
    }),
  );
}
