import {
  ApiException,
  AppsV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  MergePatch,
  RolloutPatchPlan,
  RolloutWorkloadKind,
  withResourceVersion,
} from '@mlops-portal/plugin-mlops-common';
import { KubernetesClusterDetails } from './readKubernetesClusters';

/** Where a model's canary lives (`spec.deployment.kubernetes`). */
export interface RolloutWorkloadRef {
  cluster: string;
  namespace: string;
  kind: RolloutWorkloadKind;
  name: string;
}

/** The workload object and what the normaliser needs beside it. */
export interface RolloutWorkload {
  object: unknown;
  replicaSets: unknown[];
  analysisRuns: unknown[];
}

/** Cluster access for the canary panel; an interface so tests and other clusters can stand in. */
export interface RolloutClusterClient {
  /** `related: false` reads only the object (the Models page summary). */
  getWorkload(
    ref: RolloutWorkloadRef,
    options?: { related?: boolean },
  ): Promise<RolloutWorkload>;
  /**
   * Sends a plan's patches guarded by `resourceVersion`; the object after
   * the last patch. Throws `ConflictError` when the object changed.
   */
  applyPatchPlan(
    ref: RolloutWorkloadRef,
    plan: RolloutPatchPlan,
    resourceVersion: string,
  ): Promise<unknown>;
}

/** What the user is told when someone else changed the rollout first. */
export const ROLLOUT_CHANGED_MESSAGE =
  'The rollout changed since you loaded it (someone else acted, or its controller moved it on); reload it and decide again';

const RESOURCES: Record<
  RolloutWorkloadKind,
  { group: string; version: string; plural: string }
> = {
  Rollout: { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' },
  InferenceService: {
    group: 'serving.kserve.io',
    version: 'v1beta1',
    plural: 'inferenceservices',
  },
};

const mergePatchOptions = setHeaderOptions(
  'Content-Type',
  PatchStrategy.MergePatch,
);

function describe(ref: RolloutWorkloadRef) {
  return `${ref.kind} ${ref.namespace}/${ref.name} on cluster ${ref.cluster}`;
}

function statusMessage(error: ApiException<unknown>): string | undefined {
  let body = error.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Translates what the API server answered into the portal's errors: 404 →
 * `NotFoundError`, 409 → `ConflictError` ("the rollout changed"), refused
 * credentials or an unreachable server → `ServiceUnavailableError` (the
 * portal's configuration, not the user, is at fault).
 */
export function translateKubernetesError(
  error: unknown,
  ref: RolloutWorkloadRef,
): Error {
  if (error instanceof ApiException) {
    const detail = statusMessage(error);
    switch (error.code) {
      case 404:
        return new NotFoundError(
          `${describe(ref)} was not found${detail ? `: ${detail}` : ''}`,
        );
      case 409:
        return new ConflictError(ROLLOUT_CHANGED_MESSAGE);
      case 401:
      case 403:
        return new ServiceUnavailableError(
          `Cluster ${ref.cluster} refused the portal's service account (HTTP ${
            error.code
          })${detail ? `: ${detail}` : ''}`,
        );
      default:
        return new ServiceUnavailableError(
          `Cluster ${ref.cluster} answered HTTP ${error.code} for ${describe(
            ref,
          )}${detail ? `: ${detail}` : ''}`,
        );
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ServiceUnavailableError(
    `Cluster ${ref.cluster} is unreachable: ${message}`,
  );
}

/**
 * Reads and patches Argo Rollouts and KServe objects with
 * `@kubernetes/client-node`, one KubeConfig per configured cluster.
 */
export class KubernetesRolloutClient implements RolloutClusterClient {
  readonly #clusters: Map<string, KubernetesClusterDetails>;
  readonly #apis = new Map<
    string,
    { custom: CustomObjectsApi; apps: AppsV1Api }
  >();

  constructor(options: { clusters: Map<string, KubernetesClusterDetails> }) {
    this.#clusters = options.clusters;
  }

  /** Whether a cluster of this name is configured. */
  hasCluster(name: string): boolean {
    return this.#clusters.has(name);
  }

  #api(clusterName: string) {
    const existing = this.#apis.get(clusterName);
    if (existing) return existing;
    const cluster = this.#clusters.get(clusterName);
    if (!cluster) {
      throw new NotFoundError(
        `Cluster "${clusterName}" is not configured in kubernetes.clusterLocatorMethods (type config, authProvider serviceAccount)`,
      );
    }
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
    const apis = {
      custom: kubeConfig.makeApiClient(CustomObjectsApi),
      apps: kubeConfig.makeApiClient(AppsV1Api),
    };
    this.#apis.set(clusterName, apis);
    return apis;
  }

  async getWorkload(
    ref: RolloutWorkloadRef,
    options?: { related?: boolean },
  ): Promise<RolloutWorkload> {
    const { custom, apps } = this.#api(ref.cluster);
    const resource = RESOURCES[ref.kind];
    try {
      const object = await custom.getNamespacedCustomObject({
        ...resource,
        namespace: ref.namespace,
        name: ref.name,
      });
      if (ref.kind !== 'Rollout' || options?.related === false) {
        return { object, replicaSets: [], analysisRuns: [] };
      }
      const status =
        (
          object as {
            status?: { currentPodHash?: unknown; stableRS?: unknown };
          }
        ).status ?? {};
      const hashes = [status.currentPodHash, status.stableRS].filter(
        (h): h is string => typeof h === 'string' && /^[a-z0-9]+$/.test(h),
      );
      if (hashes.length === 0)
        return { object, replicaSets: [], analysisRuns: [] };
      const [replicaSets, analysisRuns] = await Promise.all([
        apps.listNamespacedReplicaSet({
          namespace: ref.namespace,
          labelSelector: `rollouts-pod-template-hash in (${[
            ...new Set(hashes),
          ].join(',')})`,
        }),
        typeof status.currentPodHash === 'string'
          ? custom.listNamespacedCustomObject({
              group: 'argoproj.io',
              version: 'v1alpha1',
              plural: 'analysisruns',
              namespace: ref.namespace,
              labelSelector: `rollouts-pod-template-hash=${status.currentPodHash}`,
            })
          : Promise.resolve({ items: [] }),
      ]);
      return {
        object,
        replicaSets: replicaSets.items,
        analysisRuns: (analysisRuns as { items?: unknown[] }).items ?? [],
      };
    } catch (error) {
      throw translateKubernetesError(error, ref);
    }
  }

  async applyPatchPlan(
    ref: RolloutWorkloadRef,
    plan: RolloutPatchPlan,
    resourceVersion: string,
  ): Promise<unknown> {
    const { custom } = this.#api(ref.cluster);
    const target = {
      ...RESOURCES[ref.kind],
      namespace: ref.namespace,
      name: ref.name,
    };
    let version = resourceVersion;
    let after: unknown;
    let specPatch: MergePatch | undefined = plan.specPatch;
    const versionOf = (object: unknown) =>
      (object as { metadata?: { resourceVersion?: string } }).metadata
        ?.resourceVersion ?? version;
    try {
      if (plan.statusPatch) {
        try {
          after = await custom.patchNamespacedCustomObjectStatus(
            { ...target, body: withResourceVersion(plan.statusPatch, version) },
            mergePatchOptions,
          );
          version = versionOf(after);
        } catch (error) {
          // As kubectl argo rollouts: no /status subresource (Argo Rollouts
          // before v0.10) answers 404, and the status goes with the object.
          if (!(error instanceof ApiException) || error.code !== 404)
            throw error;
          specPatch = plan.unifiedPatch;
        }
      }
      if (specPatch) {
        after = await custom.patchNamespacedCustomObject(
          { ...target, body: withResourceVersion(specPatch, version) },
          mergePatchOptions,
        );
      }
      return after;
    } catch (error) {
      throw translateKubernetesError(error, ref);
    }
  }
}
