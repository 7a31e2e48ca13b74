import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  legalRolloutActions,
  MIN_OVERRIDE_JUSTIFICATION_LENGTH,
  MLModelEntityV1alpha1,
  ModelRolloutSummary,
  mlopsRolloutAbortPermission,
  mlopsRolloutOverridePermission,
  mlopsRolloutPromotePermission,
  normalizeArgoRollout,
  normalizeInferenceService,
  planRolloutAction,
  RolloutActionCommand,
  RolloutActionName,
  RolloutActionResponse,
  RolloutState,
  RolloutStateSummary,
  RolloutSummaryResponse,
  RolloutView,
  summarizeRolloutState,
} from '@mlops-portal/plugin-mlops-common';
import { canonicalEntityRef } from '../catalog/canonicalEntityRef';
import { ModelCatalog } from '../catalog/ModelCatalog';
import { ModelPermissionChecker } from '../permissions/ModelPermissionChecker';
import { CanaryMetricsSource } from './CanaryMetricsSource';
import {
  RolloutClusterClient,
  RolloutWorkload,
  RolloutWorkloadRef,
} from './KubernetesRolloutClient';
import { RolloutActionStore } from './RolloutActionStore';
import {
  DriftFlagSource,
  evaluateRolloutGate,
  ReadinessGateSource,
  RolloutGateDecision,
  SloBudgetSource,
} from './rolloutGate';

// The JSON bodies are shared with the frontend through mlops-common.
export type {
  ModelRolloutSummary,
  RolloutActionCommand,
  RolloutActionResponse,
  RolloutActionView,
  RolloutView,
} from '@mlops-portal/plugin-mlops-common';

const MIN_JUSTIFICATION_LENGTH = MIN_OVERRIDE_JUSTIFICATION_LENGTH;

const ACTION_PERMISSIONS: Record<
  RolloutActionName,
  typeof mlopsRolloutPromotePermission
> = {
  promote: mlopsRolloutPromotePermission,
  promoteFull: mlopsRolloutPromotePermission,
  retry: mlopsRolloutPromotePermission,
  setWeight: mlopsRolloutPromotePermission,
  abort: mlopsRolloutAbortPermission,
};

const ACTION_LABELS: Record<RolloutActionName, string> = {
  promote: 'Promote',
  promoteFull: 'Promote fully',
  abort: 'Abort',
  retry: 'Retry',
  setWeight: 'Set weight',
};

/** Summaries of the Models page are read at most this often per workload. */
const DEFAULT_SUMMARY_TTL_MS = 30_000;
/** Cluster reads in flight at once for one summary request. */
const SUMMARY_CONCURRENCY = 8;

export function deploymentOf(
  model: MLModelEntityV1alpha1,
): RolloutWorkloadRef | undefined {
  const k8s = model.spec?.deployment?.kubernetes;
  if (!k8s || typeof k8s !== 'object') return undefined;
  const { cluster, namespace, kind, name } = k8s;
  if (![cluster, namespace, name].every(v => typeof v === 'string' && v))
    return undefined;
  if (kind !== 'Rollout' && kind !== 'InferenceService') return undefined;
  return { cluster, namespace, kind, name };
}

export function normalizeWorkload(
  ref: RolloutWorkloadRef,
  workload: RolloutWorkload,
): RolloutState {
  return ref.kind === 'Rollout'
    ? normalizeArgoRollout(workload.object, workload)
    : normalizeInferenceService(workload.object);
}

function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal;
  if (principal.type === 'user') return principal.userEntityRef;
  if (principal.type === 'service') return principal.subject;
  return 'unknown';
}

function argoCdWarning(state: RolloutState): string | null {
  if (!state.argoCd) return null;
  const how =
    state.argoCd.method === 'annotation'
      ? 'tracks this object (argocd.argoproj.io/tracking-id)'
      : 'probably tracks this object (label app.kubernetes.io/instance)';
  return `Argo CD application "${state.argoCd.application}" ${how}: if its automated sync has self-heal on, it may revert a manual change to the ${state.kind}. Make lasting changes in Git.`;
}

/**
 * The canary panel's logic: reads a model's rollout from its cluster,
 * offers the actions that are legal, permitted and gated, applies them with
 * optimistic concurrency and records them. The router only parses and audits.
 */
export class RolloutService {
  readonly #models: ModelCatalog;
  readonly #permissions: ModelPermissionChecker;
  readonly #cluster: RolloutClusterClient;
  readonly #readiness: ReadinessGateSource;
  readonly #store: RolloutActionStore;
  readonly #slo?: SloBudgetSource;
  readonly #drift?: DriftFlagSource;
  readonly #metrics?: CanaryMetricsSource;
  readonly #summaryTtlMs: number;
  readonly #clock: () => Date;
  readonly #summaryCache = new Map<
    string,
    { expiresAt: number; summary: Promise<RolloutStateSummary> }
  >();

  constructor(options: {
    models: ModelCatalog;
    permissions: ModelPermissionChecker;
    cluster: RolloutClusterClient;
    readiness: ReadinessGateSource;
    store: RolloutActionStore;
    /** Optional: without it the gate reports "no SLO data" and does not block. */
    slo?: SloBudgetSource;
    /** Optional: without it the gate reports "no drift data" and does not block. */
    drift?: DriftFlagSource;
    metrics?: CanaryMetricsSource;
    summaryTtlMs?: number;
    clock?: () => Date;
  }) {
    this.#models = options.models;
    this.#permissions = options.permissions;
    this.#cluster = options.cluster;
    this.#readiness = options.readiness;
    this.#store = options.store;
    this.#slo = options.slo;
    this.#drift = options.drift;
    this.#metrics = options.metrics;
    this.#summaryTtlMs = options.summaryTtlMs ?? DEFAULT_SUMMARY_TTL_MS;
    this.#clock = options.clock ?? (() => new Date());
  }

  async #load(credentials: BackstageCredentials, modelRef: CompoundEntityRef) {
    const model = await this.#models.getModel(modelRef, credentials);
    const deployment = deploymentOf(model);
    if (!deployment) {
      throw new NotFoundError(
        `MLModel ${canonicalEntityRef(
          model,
        )} has no spec.deployment.kubernetes (cluster, namespace, kind Rollout or InferenceService, name)`,
      );
    }
    return { model, deployment, ref: canonicalEntityRef(model) };
  }

  async #view(
    credentials: BackstageCredentials,
    model: MLModelEntityV1alpha1,
    ref: string,
    deployment: RolloutWorkloadRef,
    state: RolloutState,
  ): Promise<RolloutView> {
    const [promote, abort, override] = await this.#permissions.check(
      credentials,
      [
        mlopsRolloutPromotePermission,
        mlopsRolloutAbortPermission,
        mlopsRolloutOverridePermission,
      ],
      model,
    );
    const held = new Map([
      [mlopsRolloutPromotePermission.name, promote],
      [mlopsRolloutAbortPermission.name, abort],
    ]);
    const actions = legalRolloutActions(state).map(availability => {
      const permission = ACTION_PERMISSIONS[availability.action].name;
      return {
        ...availability,
        permission,
        permitted: held.get(permission) ?? false,
      };
    });
    const [gate, metrics] = await Promise.all([
      state.canary
        ? this.#gate(credentials, model, state)
        : Promise.resolve(null),
      this.#metrics
        ? this.#metrics
            .getCanaryMetrics({ modelRef: ref, state })
            .catch(() => undefined)
        : Promise.resolve(undefined),
    ]);
    return {
      modelRef: ref,
      deployment,
      state,
      actions,
      gate,
      canOverride: override,
      argoCdWarning: argoCdWarning(state),
      metrics: metrics ?? null,
      fetchedAt: this.#clock().toISOString(),
    };
  }

  #gate(
    credentials: BackstageCredentials,
    model: MLModelEntityV1alpha1,
    state: RolloutState,
  ) {
    return evaluateRolloutGate({
      credentials,
      modelRef: {
        kind: 'MLModel',
        namespace: model.metadata.namespace ?? 'default',
        name: model.metadata.name,
      },
      modelRefString: canonicalEntityRef(model),
      version: state.canary?.modelVersion,
      readiness: this.#readiness,
      slo: this.#slo,
      drift: this.#drift,
    });
  }

  /** The rollout of a model with its legal, permitted actions and the gate. */
  async getRollout(
    credentials: BackstageCredentials,
    modelRef: CompoundEntityRef,
  ): Promise<RolloutView> {
    const { model, deployment, ref } = await this.#load(credentials, modelRef);
    const state = normalizeWorkload(
      deployment,
      await this.#cluster.getWorkload(deployment),
    );
    return this.#view(credentials, model, ref, deployment, state);
  }

  /** The recorded actions on a model's canary, newest first. */
  async listActions(
    credentials: BackstageCredentials,
    modelRef: CompoundEntityRef,
  ) {
    const model = await this.#models.getModel(modelRef, credentials);
    return { items: await this.#store.listForModel(canonicalEntityRef(model)) };
  }

  /**
   * Acts on a canary. Refused, before anything is sent: without the
   * permission (`NotAllowedError`), when the state the user decided on is no
   * longer the current one (`ConflictError`), when the action is not legal
   * now (`InputError`), and for "promote fully" when the gate fails and
   * there is no permitted, justified override (`NotAllowedError`). The patch
   * itself carries the resourceVersion, so of two people acting at once
   * exactly one wins; the other gets the `ConflictError`.
   */
  async runAction(
    credentials: BackstageCredentials,
    modelRef: CompoundEntityRef,
    command: RolloutActionCommand,
  ): Promise<RolloutActionResponse> {
    const { model, deployment, ref } = await this.#load(credentials, modelRef);
    const { action } = command;
    const [permitted, overridePermitted] = await this.#permissions.check(
      credentials,
      [ACTION_PERMISSIONS[action], mlopsRolloutOverridePermission],
      model,
    );
    if (!permitted) {
      throw new NotAllowedError(
        `${ACTION_LABELS[action]} needs the ${ACTION_PERMISSIONS[action].name} permission for ${ref}`,
      );
    }
    const workload = await this.#cluster.getWorkload(deployment);
    const before = normalizeWorkload(deployment, workload);
    if (before.resourceVersion !== command.expectedResourceVersion) {
      throw new ConflictError(
        `The rollout changed since you loaded it (resourceVersion ${command.expectedResourceVersion}, now ${before.resourceVersion}); reload it and decide again`,
      );
    }
    const planned = planRolloutAction(before, action, {
      weight: command.weight,
    });
    if (!planned.ok) {
      throw new InputError(
        `${ACTION_LABELS[action]} is not possible now: ${planned.reason}`,
      );
    }

    let gate: RolloutGateDecision | null = null;
    let override = false;
    if (action === 'promoteFull') {
      gate = await this.#gate(credentials, model, before);
      if (!gate.allowed) {
        const justification = command.justification?.trim() ?? '';
        if (!justification) {
          throw new NotAllowedError(
            `Promote fully is blocked: ${gate.reasons.join(
              '; ',
            )}. An override needs the ${
              mlopsRolloutOverridePermission.name
            } permission and a written justification`,
          );
        }
        if (!overridePermitted) {
          throw new NotAllowedError(
            `Promote fully is blocked (${gate.reasons.join(
              '; ',
            )}) and overriding the gate needs the ${
              mlopsRolloutOverridePermission.name
            } permission for ${ref}`,
          );
        }
        if (justification.length < MIN_JUSTIFICATION_LENGTH) {
          throw new InputError(
            `justification must explain the override in at least ${MIN_JUSTIFICATION_LENGTH} characters`,
          );
        }
        override = true;
      }
    }

    const afterObject = await this.#cluster.applyPatchPlan(
      deployment,
      planned.plan,
      before.resourceVersion,
      workload.object,
    );
    this.#summaryCache.delete(cacheKey(deployment));
    const after = normalizeWorkload(deployment, {
      object: afterObject,
      replicaSets: [],
      analysisRuns: [],
    });
    const record = await this.#store.append({
      modelRef: ref,
      cluster: deployment.cluster,
      namespace: deployment.namespace,
      workloadKind: deployment.kind,
      workloadName: deployment.name,
      action,
      weight: action === 'setWeight' ? command.weight ?? null : null,
      actor: actorOf(credentials),
      occurredAt: this.#clock().toISOString(),
      beforeResourceVersion: before.resourceVersion,
      afterResourceVersion: after.resourceVersion,
      before: summarizeRolloutState(before),
      after: summarizeRolloutState(after),
      override,
      justification: override ? command.justification!.trim() : null,
      gate,
    });
    const rollout = await this.getRollout(credentials, modelRef);
    return { action, override, record, rollout };
  }

  /**
   * Rollout summaries for many models (the Models page column). Each
   * workload is read from its cluster at most once per TTL, whoever asks,
   * and concurrent requests share one read.
   */
  async summarize(
    credentials: BackstageCredentials,
    entityRefs: string[],
  ): Promise<RolloutSummaryResponse> {
    const models = await this.#models.getModels(entityRefs, credentials);
    const items: ModelRolloutSummary[] = entityRefs.map(entityRef => ({
      entityRef,
      rollout: null,
    }));
    const work = models.flatMap((model, index) => {
      const deployment = model && deploymentOf(model);
      return deployment ? [{ index, deployment }] : [];
    });
    for (let i = 0; i < work.length; i += SUMMARY_CONCURRENCY) {
      await Promise.all(
        work
          .slice(i, i + SUMMARY_CONCURRENCY)
          .map(async ({ index, deployment }) => {
            try {
              items[index].rollout = await this.#cachedSummary(deployment);
            } catch (error) {
              items[index].error =
                error instanceof Error ? error.message : String(error);
            }
          }),
      );
    }
    return { items };
  }

  #cachedSummary(deployment: RolloutWorkloadRef): Promise<RolloutStateSummary> {
    const key = cacheKey(deployment);
    const now = this.#clock().getTime();
    const cached = this.#summaryCache.get(key);
    if (cached && cached.expiresAt > now) return cached.summary;
    const summary = this.#cluster
      .getWorkload(deployment, { related: false })
      .then(workload =>
        summarizeRolloutState(normalizeWorkload(deployment, workload)),
      );
    this.#summaryCache.set(key, {
      expiresAt: now + this.#summaryTtlMs,
      summary,
    });
    // A failure is cached too (for the same TTL), so an unreachable cluster
    // is not asked again by every page view.
    summary.catch(() => undefined);
    return summary;
  }
}

function cacheKey(ref: RolloutWorkloadRef) {
  return `${ref.cluster}\u0000${ref.namespace}\u0000${ref.kind}\u0000${ref.name}`;
}
