/**
 * Node library of ModelOps Portal, shared by its backend plugin and its
 * modules: the Kubernetes clusters they act on, read from the configuration
 * of Backstage's Kubernetes plugin, and client-node clients for them.
 *
 * @packageDocumentation
 */
export { DEFAULT_KUBERNETES_TIMEOUT_MS } from './kubernetes/KubernetesClusterDetails';
export type {
  ConfiguredKubernetesCluster,
  KubernetesClusterDetails,
} from './kubernetes/KubernetesClusterDetails';
export { KubernetesClusters } from './kubernetes/KubernetesClusters';
export { kubeConfigFor } from './kubernetes/kubeConfigFor';
export { objectApiFor } from './kubernetes/objectApiFor';
export { readKubernetesClusters } from './kubernetes/readKubernetesClusters';
export { requestTimeoutMiddleware } from './kubernetes/requestTimeoutMiddleware';
export { validateClusterUrl } from './kubernetes/validateClusterUrl';
