import {
  ApiException,
  AppsV1Api,
  ConfigurationOptions,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  inverseMergePatch,
  MergePatch,
  RolloutPatchPlan,
  RolloutWorkloadRef,
  RolloutWorkloadKind,
  withResourceVersion,
} from '@mlops-portal/plugin-mlops-common';
import {
  DEFAULT_KUBERNETES_TIMEOUT_MS,
  KubernetesClusterDetails,
  kubeConfigFor,
  requestTimeoutMiddleware,
} from '@mlops-portal/plugin-mlops-node';
import {
  KubernetesApiServerError,
  KubernetesApiTimeoutError,
} from './kubernetesApiErrors';

/** Where a model's canary lives (`spec.deployment.kubernetes`). */
export type { RolloutWorkloadRef };

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
   * the last patch. Throws `ConflictError` when the object changed. All or
   * nothing: when the second of two patches fails, the first is undone
   * (`before`, the object the plan was made from, says what to restore).
   */
  applyPatchPlan(
    ref: RolloutWorkloadRef,
    plan: RolloutPatchPlan,
    resourceVersion: string,
    before?: unknown,
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

function describe(ref: RolloutWorkloadRef) {
  return `${ref.kind} ${ref.namespace}/${ref.name} on cluster ${ref.cluster}`;
}

/** What the portal was doing when the API server failed, for the error message. */
export type KubernetesOperation =
  | 'reading'
  | 'patching the status of'
  | 'patching'
  | 'undoing the status patch of';

/**
 * Per-request options that abort a request after `timeoutMs`, so that a hung
 * API server cannot hold the user's request (and a promote) forever.
 */
function timeoutOptions(timeoutMs: number): ConfigurationOptions {
  return {
    middleware: [requestTimeoutMiddleware(timeoutMs)],
    middlewareMergeStrategy: 'append',
  };
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  const type = (error as { type?: unknown } | undefined)?.type;
  return name === 'AbortError' || name === 'TimeoutError' || type === 'aborted';
}

function seconds(ms: number) {
  return `${Number((ms / 1000).toFixed(1))} s`;
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
 * `NotFoundError`, 409 → `ConflictError` ("the rollout changed"); refused
 * credentials (401) or RBAC (403) → `ServiceUnavailableError` (503: the
 * portal's service account, not the user, is at fault, and a 403 from us
 * would read as the user's missing portal permission); a server error (5xx)
 * → `KubernetesApiServerError` (502); no answer within the cluster's
 * timeout → `KubernetesApiTimeoutError` (504); an unreachable server →
 * `ServiceUnavailableError`.
 */
export function translateKubernetesError(
  error: unknown,
  ref: RolloutWorkloadRef,
  context: {
    operation?: KubernetesOperation;
    timeoutMs?: number;
    url?: string;
  } = {},
): Error {
  const operation = context.operation ?? 'reading';
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
        return new ServiceUnavailableError(
          `Cluster ${ref.cluster} refused the portal's service account (HTTP ${
            error.code
          })${detail ? `: ${detail}` : ''}`,
        );
      case 403:
        return new ServiceUnavailableError(
          `Cluster ${
            ref.cluster
          } forbids the portal's service account from ${operation} ${
            ref.kind
          } ${ref.namespace}/${
            ref.name
          } (HTTP 403; grant it in the cluster's RBAC)${
            detail ? `: ${detail}` : ''
          }`,
        );
      default:
        if (error.code >= 500) {
          return new KubernetesApiServerError(
            `The Kubernetes API of cluster ${ref.cluster} failed (HTTP ${
              error.code
            }) while ${operation} ${ref.kind} ${ref.namespace}/${ref.name}${
              detail ? `: ${detail}` : ''
            }`,
          );
        }
        return new ServiceUnavailableError(
          `Cluster ${ref.cluster} answered HTTP ${error.code} for ${describe(
            ref,
          )}${detail ? `: ${detail}` : ''}`,
        );
    }
  }
  if (isAbort(error)) {
    const timeoutMs = context.timeoutMs ?? DEFAULT_KUBERNETES_TIMEOUT_MS;
    return new KubernetesApiTimeoutError(
      `The Kubernetes API at ${ref.cluster}${
        context.url ? ` (${context.url})` : ''
      } did not answer within ${seconds(timeoutMs)} while ${operation} ${
        ref.kind
      } ${ref.namespace}/${ref.name}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ServiceUnavailableError(
    `Cluster ${ref.cluster} is unreachable: ${message}`,
  );
}

/**
 * Reads and patches Argo Rollouts and KServe objects with
 * `@kubernetes/client-node`, one KubeConfig per configured cluster, every
 * request bounded by the cluster's `timeoutMs`.
 */
export class KubernetesRolloutClient implements RolloutClusterClient {
  readonly #clusters: Map<string, KubernetesClusterDetails>;
  readonly #apis = new Map<
    string,
    {
      custom: CustomObjectsApi;
      apps: AppsV1Api;
      url: string;
      timeoutMs: number;
      options: ConfigurationOptions;
      mergePatchOptions: ConfigurationOptions;
    }
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
    const kubeConfig = kubeConfigFor(cluster);
    const timeoutMs = cluster.timeoutMs ?? DEFAULT_KUBERNETES_TIMEOUT_MS;
    const options = timeoutOptions(timeoutMs);
    const apis = {
      custom: kubeConfig.makeApiClient(CustomObjectsApi),
      apps: kubeConfig.makeApiClient(AppsV1Api),
      url: cluster.url,
      timeoutMs,
      options,
      mergePatchOptions: setHeaderOptions(
        'Content-Type',
        PatchStrategy.MergePatch,
        options,
      ),
    };
    this.#apis.set(clusterName, apis);
    return apis;
  }

  #translate(
    error: unknown,
    ref: RolloutWorkloadRef,
    operation: KubernetesOperation,
  ): Error {
    const { timeoutMs, url } = this.#api(ref.cluster);
    return translateKubernetesError(error, ref, { operation, timeoutMs, url });
  }

  async getWorkload(
    ref: RolloutWorkloadRef,
    options?: { related?: boolean },
  ): Promise<RolloutWorkload> {
    const { custom, apps, options: requestOptions } = this.#api(ref.cluster);
    const resource = RESOURCES[ref.kind];
    try {
      const object = await custom.getNamespacedCustomObject(
        {
          ...resource,
          namespace: ref.namespace,
          name: ref.name,
        },
        requestOptions,
      );
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
        apps.listNamespacedReplicaSet(
          {
            namespace: ref.namespace,
            labelSelector: `rollouts-pod-template-hash in (${[
              ...new Set(hashes),
            ].join(',')})`,
          },
          requestOptions,
        ),
        typeof status.currentPodHash === 'string'
          ? custom.listNamespacedCustomObject(
              {
                group: 'argoproj.io',
                version: 'v1alpha1',
                plural: 'analysisruns',
                namespace: ref.namespace,
                labelSelector: `rollouts-pod-template-hash=${status.currentPodHash}`,
              },
              requestOptions,
            )
          : Promise.resolve({ items: [] }),
      ]);
      return {
        object,
        replicaSets: replicaSets.items,
        analysisRuns: (analysisRuns as { items?: unknown[] }).items ?? [],
      };
    } catch (error) {
      throw this.#translate(error, ref, 'reading');
    }
  }

  /**
   * Sends the plan. One patch is atomic on the API server. Two patches
   * (a promote of a rollout paused both by hand and by a step: the status
   * subresource cannot carry `spec`, the object cannot carry `status`) are
   * made all or nothing here: the status patch goes first (while
   * `spec.paused` is still true the controller does not move the rollout on,
   * so nothing happens in between), and if the spec patch then fails, the
   * status patch is undone with its inverse, guarded by the resourceVersion
   * the status patch produced. If that guard fails (someone or the
   * controller wrote in between, or the spec patch did reach the server
   * before it timed out) the error says the rollout may be half-changed.
   */
  async applyPatchPlan(
    ref: RolloutWorkloadRef,
    plan: RolloutPatchPlan,
    resourceVersion: string,
    before?: unknown,
  ): Promise<unknown> {
    const { custom, mergePatchOptions } = this.#api(ref.cluster);
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

    let original = before;
    if (plan.statusPatch && plan.specPatch && original === undefined) {
      original = (await this.getWorkload(ref, { related: false })).object;
      if (versionOf(original) !== resourceVersion) {
        throw new ConflictError(ROLLOUT_CHANGED_MESSAGE);
      }
    }

    let statusApplied = false;
    if (plan.statusPatch) {
      try {
        after = await custom.patchNamespacedCustomObjectStatus(
          { ...target, body: withResourceVersion(plan.statusPatch, version) },
          mergePatchOptions,
        );
        version = versionOf(after);
        statusApplied = true;
      } catch (error) {
        // As kubectl argo rollouts: no /status subresource (Argo Rollouts
        // before v0.10) answers 404, and the status goes with the object.
        if (!(error instanceof ApiException) || error.code !== 404)
          throw this.#translate(error, ref, 'patching the status of');
        specPatch = plan.unifiedPatch;
      }
    }
    if (specPatch) {
      try {
        after = await custom.patchNamespacedCustomObject(
          { ...target, body: withResourceVersion(specPatch, version) },
          mergePatchOptions,
        );
      } catch (error) {
        const failure = this.#translate(error, ref, 'patching');
        if (statusApplied && plan.statusPatch) {
          failure.message = await this.#undoStatusPatch(
            ref,
            target,
            inverseMergePatch(plan.statusPatch, original),
            version,
            failure.message,
          );
        }
        throw failure;
      }
    }
    return after;
  }

  async #undoStatusPatch(
    ref: RolloutWorkloadRef,
    target: {
      group: string;
      version: string;
      plural: string;
      namespace: string;
      name: string;
    },
    inverse: MergePatch,
    version: string,
    message: string,
  ): Promise<string> {
    const { custom, mergePatchOptions } = this.#api(ref.cluster);
    try {
      await custom.patchNamespacedCustomObjectStatus(
        { ...target, body: withResourceVersion(inverse, version) },
        mergePatchOptions,
      );
      return `${message}. Nothing was changed: the status patch sent before it was undone`;
    } catch (error) {
      const undo = this.#translate(error, ref, 'undoing the status patch of');
      return `${message}. The status patch sent before it could not be undone (${undo.message}), so the ${ref.kind} may be half-changed: reload it and check it before acting again`;
    }
  }
}
