/**
 * A Kubernetes cluster the portal acts on with a service account: how to
 * reach its API server and how long to wait for it.
 *
 * @public
 */
export interface KubernetesClusterDetails {
  /** The name other configuration and entities use (`spec.deployment.kubernetes.cluster`). */
  name: string;
  /** The API server, always `https:` without credentials, without a trailing slash. */
  url: string;
  /** Base64 PEM of the CA that signs the API server's certificate. */
  caData?: string;
  /** Path of a PEM file with that CA, read when a request is made. */
  caFile?: string;
  skipTLSVerify: boolean;
  /** Bearer token of the portal's service account. */
  serviceAccountToken?: string;
  /** How long one request may take before it is abandoned; {@link DEFAULT_KUBERNETES_TIMEOUT_MS} when absent. */
  timeoutMs?: number;
}

/**
 * A cluster as read from configuration: the request timeout is always
 * known, the configured one or {@link DEFAULT_KUBERNETES_TIMEOUT_MS}.
 *
 * @public
 */
export type ConfiguredKubernetesCluster = KubernetesClusterDetails & {
  timeoutMs: number;
};

/**
 * Ten seconds: an API server answers a get, a create or a patch in
 * milliseconds, so a request still open after this is hanging, and the user
 * should hear so while they still remember what they clicked.
 *
 * @public
 */
export const DEFAULT_KUBERNETES_TIMEOUT_MS = 10_000;
