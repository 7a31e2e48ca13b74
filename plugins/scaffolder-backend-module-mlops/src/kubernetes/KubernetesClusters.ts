import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  Observable,
  RequestContext,
  ResponseContext,
  ServerConfiguration,
} from '@kubernetes/client-node';

/** A cluster a template may deploy to. */
export interface KubernetesClusterTarget {
  name: string;
  /** The API server, always `https:` without credentials. */
  url: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  serviceAccountToken?: string;
  timeoutMs: number;
}

/** As the canary panel: an API server answers in milliseconds, so ten seconds means it hangs. */
export const DEFAULT_KUBERNETES_TIMEOUT_MS = 10_000;

function clusterUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Invalid ${where}: "${value}" is not a URL`);
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    throw new Error(
      `Invalid ${where}: the Kubernetes API server URL must use https and carry no credentials`,
    );
  }
  return url.toString().replace(/\/$/, '');
}

/**
 * The clusters of `kubernetes.clusterLocatorMethods` (type `config`,
 * `authProvider: serviceAccount`): the same configuration Backstage's
 * Kubernetes plugin and the portal's canary panel read, so a portal declares
 * a cluster once. Read when a template runs, so that configuration errors
 * name the cluster the template asked for and never stop the scaffolder.
 */
export class KubernetesClusters {
  readonly #config: RootConfigService;

  constructor(config: RootConfigService) {
    this.#config = config;
  }

  /** The configured cluster names. */
  names(): string[] {
    return this.#entries().map(e => e.config.getString('name'));
  }

  /** The cluster, or an `InputError` naming the clusters there are. */
  get(name: string): KubernetesClusterTarget {
    const entry = this.#entries().find(
      e => e.config.getString('name') === name,
    );
    if (!entry) {
      const names = this.names();
      throw new InputError(
        `Cluster "${name}" is not configured in kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount); ${
          names.length > 0
            ? `configured: ${names.join(', ')}`
            : 'no cluster is configured'
        }`,
      );
    }
    const { config: cluster, path } = entry;
    const timeoutMs =
      cluster.getOptionalNumber('timeoutMs') ?? DEFAULT_KUBERNETES_TIMEOUT_MS;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new InputError(
        `Invalid ${path}.timeoutMs: must be a positive number of milliseconds`,
      );
    }
    return {
      name,
      url: clusterUrl(cluster.getString('url'), `${path}.url`),
      caData: cluster.getOptionalString('caData'),
      caFile: cluster.getOptionalString('caFile'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
      timeoutMs,
    };
  }

  #entries() {
    const methods =
      this.#config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ??
      [];
    return methods.flatMap((method, m) =>
      method.getString('type') !== 'config'
        ? []
        : (method.getOptionalConfigArray('clusters') ?? [])
            .map((config, c) => ({
              config,
              path: `kubernetes.clusterLocatorMethods[${m}].clusters[${c}]`,
            }))
            .filter(
              ({ config }) =>
                (config.getOptionalString('authProvider') ??
                  'serviceAccount') === 'serviceAccount',
            ),
    );
  }
}

/**
 * A client-node `KubernetesObjectApi` for the cluster whose every request
 * (discovery included) is aborted after the cluster's `timeoutMs`:
 * client-node has no timeout of its own.
 */
export function objectApiFor(
  cluster: KubernetesClusterTarget,
): KubernetesObjectApi {
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
        name: 'mlops-portal',
        ...(cluster.serviceAccountToken
          ? { token: cluster.serviceAccountToken }
          : {}),
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'mlops-portal' },
    ],
    currentContext: cluster.name,
  });
  return new KubernetesObjectApi(
    createConfiguration({
      baseServer: new ServerConfiguration(cluster.url, {}),
      authMethods: { default: kubeConfig },
      middleware: [
        {
          pre: (context: RequestContext) => {
            context.setSignal(AbortSignal.timeout(cluster.timeoutMs));
            return new Observable(Promise.resolve(context));
          },
          post: (response: ResponseContext) =>
            new Observable(Promise.resolve(response)),
        },
      ],
    }),
  );
}
