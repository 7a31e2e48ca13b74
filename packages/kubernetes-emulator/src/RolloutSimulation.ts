import { createHash } from 'node:crypto';
import {
  MODEL_VERSION_LABEL,
  STABLE_MODEL_VERSION_ANNOTATION,
} from './modelMetadata';
import {
  predictorRevisionName,
  readyInferenceServiceConditions,
} from './inferenceServiceStatus';
import { ObjectStore, StoredObject } from './ObjectStore';
import {
  ANALYSIS_RUNS,
  INFERENCE_SERVICES,
  REPLICA_SETS,
  ROLLOUTS,
} from './resources';

/** What an analysis measures for one canary, canary next to stable. */
export interface SimulatedMeasurements {
  canaryErrorRate: number;
  stableErrorRate: number;
  canaryLatencyP95Ms: number;
  stableLatencyP95Ms: number;
}

export interface RolloutSimulationOptions {
  clock?: () => Date;
  /**
   * The measurements an analysis step records. By default they come from the
   * rollout's `emulator.mlops-portal.io/*` annotations (see
   * {@link SIMULATION_ANNOTATIONS}), else from healthy defaults.
   */
  measure?: (rollout: StoredObject) => SimulatedMeasurements;
}

/** Annotations on a Rollout that steer what its simulated analyses measure. */
export const SIMULATION_ANNOTATIONS = {
  canaryErrorRate: 'emulator.mlops-portal.io/canary-error-rate',
  stableErrorRate: 'emulator.mlops-portal.io/stable-error-rate',
  canaryLatencyP95Ms: 'emulator.mlops-portal.io/canary-latency-p95-ms',
  stableLatencyP95Ms: 'emulator.mlops-portal.io/stable-latency-p95-ms',
} as const;

/** The thresholds of the simulated AnalysisTemplate (the demo's "canary-health"). */
export const SIMULATED_ANALYSIS = {
  templateName: 'canary-health',
  maxErrorRate: 0.01,
  maxLatencyP95Ms: 250,
} as const;

function numberAnnotation(
  rollout: StoredObject,
  name: string,
  fallback: number,
) {
  const value = Number(rollout.metadata.annotations?.[name]);
  return Number.isFinite(value) &&
    rollout.metadata.annotations?.[name] !== undefined
    ? value
    : fallback;
}

function measurementsFromAnnotations(
  rollout: StoredObject,
): SimulatedMeasurements {
  return {
    canaryErrorRate: numberAnnotation(
      rollout,
      SIMULATION_ANNOTATIONS.canaryErrorRate,
      0.0041,
    ),
    stableErrorRate: numberAnnotation(
      rollout,
      SIMULATION_ANNOTATIONS.stableErrorRate,
      0.0047,
    ),
    canaryLatencyP95Ms: numberAnnotation(
      rollout,
      SIMULATION_ANNOTATIONS.canaryLatencyP95Ms,
      38,
    ),
    stableLatencyP95Ms: numberAnnotation(
      rollout,
      SIMULATION_ANNOTATIONS.stableLatencyP95Ms,
      41,
    ),
  };
}

/** Go-style durations as Argo Rollouts accepts them: `30s`, `10m`, `1h`, or seconds. */
function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)(s|m|h)?$/.exec(value.trim());
  if (!match) return undefined;
  const factor = { s: 1, m: 60, h: 3600 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
  return Number(match[1]) * factor;
}

/** The alphabet Kubernetes uses for generated names (no vowels, no 0/1/3). */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A stable, Kubernetes-looking hash of a pod template (Argo Rollouts' `rollouts-pod-template-hash`). */
export function podTemplateHash(template: unknown): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest();
  return [...digest.subarray(0, 10)]
    .map(byte => SAFE_ALPHABET[byte % SAFE_ALPHABET.length])
    .join('');
}

/** The pod template as it was for `version`: its version label and image tags. */
function templateForVersion(template: any, version: string): any {
  const previous = structuredClone(template ?? {});
  previous.metadata = previous.metadata ?? {};
  previous.metadata.labels = {
    ...previous.metadata.labels,
    [MODEL_VERSION_LABEL]: version,
  };
  for (const container of previous.spec?.containers ?? []) {
    if (typeof container.image !== 'string') continue;
    const slash = container.image.lastIndexOf('/');
    const colon = container.image.lastIndexOf(':');
    const repository =
      colon > slash ? container.image.slice(0, colon) : container.image;
    container.image = `${repository}:${version}`;
  }
  return previous;
}

/**
 * A few lines of what the Argo Rollouts and KServe controllers do, enough for
 * the portal's panel to look alive: a resumed canary walks its steps (one
 * step per pass), an inline analysis step records canary-vs-stable
 * measurements and aborts the rollout when they fail, an abort sends all
 * traffic back to stable, a retry starts again, a full promotion makes the
 * canary stable; KServe traffic follows `canaryTrafficPercent`.
 */
export class RolloutSimulation {
  readonly #store: ObjectStore;
  readonly #clock: () => Date;
  readonly #measure: (rollout: StoredObject) => SimulatedMeasurements;

  constructor(store: ObjectStore, options?: RolloutSimulationOptions) {
    this.#store = store;
    this.#clock = options?.clock ?? (() => new Date());
    this.#measure = options?.measure ?? measurementsFromAnnotations;
  }

  /** One pass over every object; the number of objects changed. */
  reconcile(): number {
    let changed = 0;
    for (const rollout of this.#store.list(ROLLOUTS)) {
      const next = this.#reconcileRollout(rollout);
      if (next) {
        const before = rollout.metadata.resourceVersion;
        const after = this.#store.update(
          ROLLOUTS,
          rollout.metadata.namespace,
          rollout.metadata.name,
          {
            ...next,
            metadata: { ...next.metadata, resourceVersion: undefined },
          },
        );
        if (after.metadata.resourceVersion !== before) changed++;
      }
    }
    for (const service of this.#store.list(INFERENCE_SERVICES)) {
      const next = this.#reconcileInferenceService(service);
      if (next) {
        const before = service.metadata.resourceVersion;
        const after = this.#store.update(
          INFERENCE_SERVICES,
          service.metadata.namespace,
          service.metadata.name,
          {
            ...next,
            metadata: { ...next.metadata, resourceVersion: undefined },
          },
        );
        if (after.metadata.resourceVersion !== before) changed++;
      }
    }
    return changed;
  }

  /** Reconciles until nothing changes (at most `maxPasses`); the passes run. */
  settle(maxPasses = 50): number {
    for (let pass = 1; pass <= maxPasses; pass++) {
      if (this.reconcile() === 0) return pass;
    }
    return maxPasses;
  }

  #now() {
    return this.#clock().toISOString();
  }

  #reconcileRollout(rollout: StoredObject): StoredObject | undefined {
    const steps: any[] = rollout.spec?.strategy?.canary?.steps ?? [];
    if (!rollout.status?.currentPodHash) return this.#firstRollout(rollout);
    const status = structuredClone(rollout.status ?? {});
    const { currentPodHash, stableRS } = status;
    if (!stableRS) return undefined;
    const setWeights = (canaryWeight: number) => {
      status.canary = {
        ...status.canary,
        weights: {
          canary: { podTemplateHash: currentPodHash, weight: canaryWeight },
          stable: {
            podTemplateHash: status.stableRS,
            weight: 100 - canaryWeight,
          },
        },
      };
    };
    const done = () => ({ ...rollout, status });

    if (status.abort) {
      if (status.abortedAt) return undefined;
      status.abortedAt = this.#now();
      status.phase = 'Degraded';
      status.message = `RolloutAborted: Rollout aborted update to revision ${
        rollout.metadata.annotations?.['rollout.argoproj.io/revision'] ?? ''
      }`.trim();
      status.currentStepIndex = 0;
      status.pauseConditions = undefined;
      status.controllerPause = false;
      setWeights(0);
      return done();
    }
    if (status.abortedAt) {
      // retry: `status.abort` went back to false, so the canary starts again.
      delete status.abortedAt;
      status.phase = 'Progressing';
      status.message = 'more replicas need to be updated';
      status.currentStepIndex = 0;
      return done();
    }
    if (currentPodHash === stableRS) {
      if (status.phase === 'Healthy') return undefined;
      status.phase = 'Healthy';
      status.message = undefined;
      status.currentStepIndex = steps.length;
      status.pauseConditions = undefined;
      status.controllerPause = false;
      setWeights(0);
      return done();
    }
    if (status.promoteFull) {
      status.stableRS = currentPodHash;
      status.promoteFull = false;
      status.currentStepIndex = steps.length;
      status.pauseConditions = undefined;
      status.controllerPause = false;
      status.phase = 'Healthy';
      status.message = undefined;
      setWeights(0);
      return done();
    }

    const index: number = status.currentStepIndex ?? 0;
    const pauseConditions: any[] = status.pauseConditions ?? [];
    if (rollout.spec?.paused) {
      if (status.phase === 'Paused' && status.message === 'manually paused')
        return undefined;
      status.phase = 'Paused';
      status.message = 'manually paused';
      return done();
    }
    if (pauseConditions.length > 0) {
      const step = steps[index];
      const seconds = durationSeconds(step?.pause?.duration);
      const started = Date.parse(pauseConditions[0]?.startTime ?? '');
      if (
        seconds === undefined ||
        this.#clock().getTime() - started < seconds * 1000
      ) {
        if (status.phase === 'Paused') return undefined;
        status.phase = 'Paused';
        status.message = pauseConditions[0]?.reason ?? 'CanaryPauseStep';
        return done();
      }
      status.pauseConditions = undefined;
      status.controllerPause = false;
      status.currentStepIndex = index + 1;
      return done();
    }
    if (status.controllerPause && steps[index]?.pause) {
      // The pause condition was removed (a promote): the pause step is done.
      status.controllerPause = false;
      status.currentStepIndex = index + 1;
      status.phase = 'Progressing';
      status.message = 'more replicas need to be updated';
      return done();
    }
    if (index >= steps.length) {
      status.stableRS = currentPodHash;
      status.phase = 'Healthy';
      status.message = undefined;
      status.controllerPause = false;
      setWeights(0);
      return done();
    }
    const step = steps[index];
    status.phase = 'Progressing';
    status.message = 'more replicas need to be updated';
    if (typeof step.setWeight === 'number') {
      setWeights(step.setWeight);
      status.currentStepIndex = index + 1;
    } else if (step.pause) {
      status.pauseConditions = [
        { reason: 'CanaryPauseStep', startTime: this.#now() },
      ];
      status.controllerPause = true;
      status.phase = 'Paused';
      status.message = 'CanaryPauseStep';
    } else if (step.analysis) {
      const run = this.#runAnalysis(rollout, index);
      if (run.status.phase === 'Successful') {
        status.currentStepIndex = index + 1;
      } else {
        status.abort = true;
        status.message = `RolloutAborted: ${run.status.message}`;
      }
    } else {
      status.currentStepIndex = index + 1;
    }
    return done();
  }

  /**
   * A Rollout the controller has not seen yet. Without a stable version
   * Argo Rollouts sends a first deploy straight to 100 % (no canary). With
   * the `mlops-portal.io/stable-model-version` annotation the emulator
   * behaves as if that version had been running already (its ReplicaSet is
   * created from the same template with the stable version's label and
   * image tag), so the new template starts as a canary at step 0.
   */
  #firstRollout(rollout: StoredObject): StoredObject {
    const template = rollout.spec?.template ?? {};
    const replicas: number = rollout.spec?.replicas ?? 1;
    const steps: any[] = rollout.spec?.strategy?.canary?.steps ?? [];
    const hash = podTemplateHash(template);
    const version = template.metadata?.labels?.[MODEL_VERSION_LABEL];
    const stableVersion =
      rollout.metadata.annotations?.[STABLE_MODEL_VERSION_ANNOTATION];
    const asCanary = !!stableVersion && stableVersion !== version;
    const stableTemplate = asCanary
      ? templateForVersion(template, stableVersion)
      : template;
    const stableHash = asCanary ? podTemplateHash(stableTemplate) : hash;
    if (asCanary) {
      this.#ensureReplicaSet(
        rollout,
        stableHash,
        stableTemplate,
        '1',
        replicas,
      );
      this.#ensureReplicaSet(rollout, hash, template, '2', 0);
    } else {
      this.#ensureReplicaSet(rollout, hash, template, '1', replicas);
    }
    const selector = Object.entries(rollout.spec?.selector?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return {
      ...rollout,
      metadata: {
        ...rollout.metadata,
        annotations: {
          ...rollout.metadata.annotations,
          'rollout.argoproj.io/revision': asCanary ? '2' : '1',
        },
      },
      status: {
        phase: asCanary ? 'Progressing' : 'Healthy',
        ...(asCanary ? { message: 'more replicas need to be updated' } : {}),
        currentPodHash: hash,
        stableRS: stableHash,
        currentStepIndex: asCanary ? 0 : steps.length,
        observedGeneration: String(rollout.metadata.generation ?? 1),
        replicas,
        updatedReplicas: asCanary ? 0 : replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        selector,
        canary: {
          weights: {
            canary: { podTemplateHash: hash, weight: 0 },
            stable: { podTemplateHash: stableHash, weight: 100 },
          },
        },
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'AvailableReason',
            message: 'Rollout has minimum availability',
          },
        ],
      },
    };
  }

  #ensureReplicaSet(
    rollout: StoredObject,
    hash: string,
    template: any,
    revision: string,
    replicas: number,
  ) {
    const { namespace, name } = rollout.metadata;
    const rsName = `${name}-${hash}`;
    if (this.#store.get(REPLICA_SETS, namespace, rsName)) return;
    const labels = { ...rollout.spec?.selector?.matchLabels };
    labels['rollouts-pod-template-hash'] = hash;
    const podTemplate = structuredClone(template);
    podTemplate.metadata = podTemplate.metadata ?? {};
    podTemplate.metadata.labels = {
      ...podTemplate.metadata.labels,
      'rollouts-pod-template-hash': hash,
    };
    this.#store.create(REPLICA_SETS, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace,
        labels,
        annotations: { 'rollout.argoproj.io/revision': revision },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name,
            uid: rollout.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: podTemplate,
      },
      status: {
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        observedGeneration: 1,
      },
    });
  }

  #runAnalysis(rollout: StoredObject, stepIndex: number): StoredObject {
    const { namespace, name } = rollout.metadata;
    const hash = rollout.status.currentPodHash;
    const revision =
      rollout.metadata.annotations?.['rollout.argoproj.io/revision'] ?? '1';
    const runName = `${name}-${hash}-${revision}-${stepIndex}`;
    const existing = this.#store.get(ANALYSIS_RUNS, namespace, runName);
    if (existing) return existing;
    const m = this.#measure(rollout);
    const now = this.#now();
    const metric = (
      metricName: string,
      value: number,
      successCondition?: string,
      passed = true,
    ) => ({
      spec: {
        name: metricName,
        ...(successCondition ? { successCondition, failureLimit: 0 } : {}),
        provider: {
          prometheus: {
            address: 'http://prometheus.monitoring:9090',
            query: `${metricName.replace(
              /-/g,
              '_',
            )}{rollout="${name}",hash="{{args.${
              metricName.startsWith('canary') ? 'canary' : 'stable'
            }-hash}}"}`,
          },
        },
      },
      result: {
        name: metricName,
        phase: passed ? 'Successful' : 'Failed',
        count: 1,
        successful: passed ? 1 : 0,
        failed: passed ? 0 : 1,
        measurements: [
          {
            phase: passed ? 'Successful' : 'Failed',
            startedAt: now,
            finishedAt: now,
            value: `[${value}]`,
          },
        ],
      },
    });
    const errorPassed = m.canaryErrorRate <= SIMULATED_ANALYSIS.maxErrorRate;
    const latencyPassed =
      m.canaryLatencyP95Ms <= SIMULATED_ANALYSIS.maxLatencyP95Ms;
    const metrics = [
      metric(
        'canary-error-rate',
        m.canaryErrorRate,
        `result[0] <= ${SIMULATED_ANALYSIS.maxErrorRate}`,
        errorPassed,
      ),
      metric('stable-error-rate', m.stableErrorRate),
      metric(
        'canary-latency-p95',
        m.canaryLatencyP95Ms,
        `result[0] <= ${SIMULATED_ANALYSIS.maxLatencyP95Ms}`,
        latencyPassed,
      ),
      metric('stable-latency-p95', m.stableLatencyP95Ms),
    ];
    const failedMetric = metrics.find(x => x.result.phase === 'Failed');
    const run: StoredObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: {
        name: runName,
        namespace,
        labels: {
          'rollout-type': 'Step',
          'rollouts-pod-template-hash': hash,
          'step-index': String(stepIndex),
        },
        annotations: { 'rollout.argoproj.io/revision': revision },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name,
            uid: rollout.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        metrics: metrics.map(x => x.spec),
        args: [
          { name: 'canary-hash', value: hash },
          { name: 'stable-hash', value: rollout.status.stableRS },
        ],
      },
      status: {
        phase: failedMetric ? 'Failed' : 'Successful',
        message: failedMetric
          ? `Metric "${failedMetric.result.name}" assessed Failed due to failed (1) > failureLimit (0)`
          : undefined,
        startedAt: now,
        completedAt: now,
        metricResults: metrics.map(x => x.result),
      },
    };
    return this.#store.create(ANALYSIS_RUNS, run);
  }

  #reconcileInferenceService(service: StoredObject): StoredObject | undefined {
    const status = structuredClone(service.status ?? {});
    if (!status.components?.predictor?.latestReadyRevision) {
      Object.assign(status, this.#firstInferenceServiceStatus(service));
    }
    const predictor = status.components.predictor;
    const percent: number | undefined =
      service.spec?.predictor?.canaryTrafficPercent;
    const latest = predictor.latestReadyRevision;
    const rolled = predictor.latestRolledoutRevision ?? latest;
    let traffic: any[];
    if (latest === rolled) {
      traffic = [{ latestRevision: true, percent: 100, revisionName: latest }];
    } else if (percent === undefined || percent === null) {
      predictor.previousRolledoutRevision = rolled;
      predictor.latestRolledoutRevision = latest;
      traffic = [{ latestRevision: true, percent: 100, revisionName: latest }];
    } else {
      traffic = [
        { tag: 'latest', latestRevision: true, percent, revisionName: latest },
        {
          tag: 'prev',
          latestRevision: false,
          percent: 100 - percent,
          revisionName: rolled,
        },
      ];
    }
    const host = (tag?: string) =>
      `http://${tag ? `${tag}-` : ''}${service.metadata.name}-predictor.${
        service.metadata.namespace
      }.example.com`;
    predictor.traffic = traffic.map(t => ({
      ...t,
      ...(t.tag ? { url: host(t.tag) } : {}),
    }));
    status.components.predictor = predictor;
    if (JSON.stringify(status) === JSON.stringify(service.status))
      return undefined;
    return { ...service, status };
  }

  /**
   * An InferenceService KServe has not reconciled yet: one ready revision
   * taking all traffic, or, with `mlops-portal.io/stable-model-version` and
   * a `canaryTrafficPercent`, a second revision next to the one already
   * rolled out (see {@link RolloutSimulation.#firstRollout} for why).
   */
  #firstInferenceServiceStatus(service: StoredObject) {
    const { namespace, name } = service.metadata;
    const revision = (n: number) => predictorRevisionName(name, n);
    const asCanary =
      !!service.metadata.annotations?.[STABLE_MODEL_VERSION_ANNOTATION] &&
      typeof service.spec?.predictor?.canaryTrafficPercent === 'number';
    const latest = revision(asCanary ? 2 : 1);
    const conditions = readyInferenceServiceConditions(this.#now());
    return {
      url: `http://${name}.${namespace}.example.com`,
      address: { url: `http://${name}.${namespace}.svc.cluster.local` },
      observedGeneration: service.metadata.generation ?? 1,
      conditions,
      modelStatus: {
        states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
        transitionStatus: 'UpToDate',
      },
      components: {
        predictor: {
          url: `http://${name}-predictor.${namespace}.example.com`,
          latestCreatedRevision: latest,
          latestReadyRevision: latest,
          latestRolledoutRevision: revision(1),
        },
      },
    };
  }
}
