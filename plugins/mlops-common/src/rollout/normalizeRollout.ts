import {
  arrayAt,
  numberAt,
  recordAt,
  stringAt,
  stringMapAt,
  valueAt,
} from './kubernetesObjects';
import {
  ArgoCdTracking,
  RolloutAnalysisRun,
  RolloutPhase,
  RolloutRevision,
  RolloutState,
  RolloutStep,
} from './rolloutState';

/** The label (pod template or InferenceService) naming the model version served. @public */
export const MLOPS_MODEL_VERSION_LABEL = 'mlops-portal.io/model-version';

/**
 * Annotation on an InferenceService naming the model version of the revision
 * that serves the rest of the traffic during a canary; KServe itself only
 * knows revision names. Whoever sets `canaryTrafficPercent` sets it.
 * @public
 */
export const MLOPS_STABLE_MODEL_VERSION_ANNOTATION =
  'mlops-portal.io/stable-model-version';

/** Argo CD's annotation-based resource tracking. @public */
export const ARGOCD_TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
/** Argo CD's default (label-based) resource tracking. @public */
export const ARGOCD_INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** What Argo Rollouts' pause condition reasons mean for a person. */
const PAUSE_REASONS: Record<string, string> = {
  CanaryPauseStep: 'Waiting at a pause step for promotion',
  BlueGreenPause: 'Waiting for blue-green promotion',
  AnalysisRunInconclusive:
    'An analysis run was inconclusive and needs a decision',
  InconclusiveExperiment: 'An experiment was inconclusive and needs a decision',
};

function describePauseReason(reason: string): string {
  return PAUSE_REASONS[reason] ?? reason;
}

function argoCdTracking(object: unknown): ArgoCdTracking | undefined {
  const annotations = stringMapAt(object, 'metadata', 'annotations');
  const labels = stringMapAt(object, 'metadata', 'labels');
  const trackingId = annotations[ARGOCD_TRACKING_ANNOTATION];
  if (trackingId) {
    return { application: trackingId.split(':')[0], method: 'annotation' };
  }
  const instance = labels[ARGOCD_INSTANCE_LABEL];
  if (instance && labels['app.kubernetes.io/managed-by'] !== 'Helm') {
    return { application: instance, method: 'label' };
  }
  return undefined;
}

function clampWeight(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Math.min(100, Math.max(0, value));
}

function parseSteps(rollout: unknown): RolloutStep[] {
  return arrayAt(rollout, 'spec', 'strategy', 'canary', 'steps').map(step => {
    const weight = numberAt(step, 'setWeight');
    if (weight !== undefined) return { type: 'setWeight', weight };
    if (recordAt(step, 'pause')) {
      const duration = valueAt(step, 'pause', 'duration');
      return {
        type: 'pause',
        ...(duration !== undefined && duration !== null
          ? { duration: String(duration) }
          : {}),
      };
    }
    if (recordAt(step, 'analysis')) {
      return {
        type: 'analysis',
        templates: arrayAt(step, 'analysis', 'templates')
          .map(
            t =>
              stringAt(t, 'templateName') ?? stringAt(t, 'clusterTemplateName'),
          )
          .filter((t): t is string => !!t),
      };
    }
    return { type: 'other' };
  });
}

/** The weight the steps had set when the rollout reached `index`. */
function weightFromSteps(steps: RolloutStep[], index: number): number {
  let weight = 0;
  for (const step of steps.slice(0, index)) {
    if (step.type === 'setWeight' && step.weight !== undefined)
      weight = step.weight;
  }
  return weight;
}

function podTemplateOf(replicaSets: unknown[], hash: string | undefined) {
  if (!hash) return undefined;
  const rs = replicaSets.find(
    r =>
      stringMapAt(r, 'metadata', 'labels')['rollouts-pod-template-hash'] ===
      hash,
  );
  return rs ? recordAt(rs, 'spec', 'template') : undefined;
}

function revisionOfTemplate(
  template: unknown,
  name: string,
  weight: number,
): RolloutRevision {
  const container = arrayAt(template, 'spec', 'containers')[0];
  const image = stringAt(container, 'image');
  const modelVersion = stringMapAt(template, 'metadata', 'labels')[
    MLOPS_MODEL_VERSION_LABEL
  ];
  return {
    name,
    weight,
    ...(image ? { artifact: image } : {}),
    ...(modelVersion ? { modelVersion } : {}),
  };
}

/** Summarises AnalysisRuns, newest step first. */
export function summarizeAnalysisRuns(runs: unknown[]): RolloutAnalysisRun[] {
  return runs
    .map(run => {
      const labels = stringMapAt(run, 'metadata', 'labels');
      const specs = arrayAt(run, 'spec', 'metrics');
      const stepIndex = Number(labels['step-index']);
      const message = stringAt(run, 'status', 'message');
      const startedAt =
        stringAt(run, 'status', 'startedAt') ??
        stringAt(run, 'metadata', 'creationTimestamp');
      return {
        name: stringAt(run, 'metadata', 'name') ?? '',
        phase: stringAt(run, 'status', 'phase') ?? 'Pending',
        ...(message ? { message } : {}),
        ...(labels['step-index'] !== undefined && Number.isInteger(stepIndex)
          ? { stepIndex }
          : {}),
        ...(labels['rollouts-pod-template-hash']
          ? { podHash: labels['rollouts-pod-template-hash'] }
          : {}),
        ...(startedAt ? { startedAt } : {}),
        metrics: arrayAt(run, 'status', 'metricResults').map(result => {
          const name = stringAt(result, 'name') ?? '';
          const spec = specs.find(s => stringAt(s, 'name') === name);
          const measurements = arrayAt(result, 'measurements');
          const value = stringAt(
            measurements[measurements.length - 1],
            'value',
          );
          const successCondition = stringAt(spec, 'successCondition');
          const failureCondition = stringAt(spec, 'failureCondition');
          return {
            name,
            phase: stringAt(result, 'phase') ?? 'Pending',
            ...(value !== undefined ? { value } : {}),
            ...(successCondition ? { successCondition } : {}),
            ...(failureCondition ? { failureCondition } : {}),
          };
        }),
      };
    })
    .sort(
      (a, b) =>
        (b.stepIndex ?? -1) - (a.stepIndex ?? -1) ||
        (b.startedAt ?? '').localeCompare(a.startedAt ?? ''),
    );
}

function identity(object: unknown) {
  return {
    namespace: stringAt(object, 'metadata', 'namespace') ?? '',
    name: stringAt(object, 'metadata', 'name') ?? '',
    resourceVersion: stringAt(object, 'metadata', 'resourceVersion') ?? '',
  };
}

/**
 * Normalises an Argo Rollouts `Rollout` (argoproj.io/v1alpha1). The stable
 * revision's image and model version live on its ReplicaSet, so pass the
 * rollout's ReplicaSets when they are wanted; AnalysisRuns owned by other
 * rollouts or older revisions are left out.
 * @public
 */
export function normalizeArgoRollout(
  rollout: unknown,
  related: { replicaSets?: unknown[]; analysisRuns?: unknown[] } = {},
): RolloutState {
  const { namespace, name, resourceVersion } = identity(rollout);
  const steps = parseSteps(rollout);
  const status = recordAt(rollout, 'status') ?? {};
  const currentPodHash = stringAt(status, 'currentPodHash');
  const stableRS = stringAt(status, 'stableRS');
  const abort = valueAt(status, 'abort') === true;
  const promoteFull = valueAt(status, 'promoteFull') === true;
  const specPaused = valueAt(rollout, 'spec', 'paused') === true;
  const controllerPause = valueAt(status, 'controllerPause') === true;
  const pauseConditionReasons = arrayAt(status, 'pauseConditions')
    .map(c => stringAt(c, 'reason'))
    .filter((r): r is string => !!r);
  const currentStepIndex = numberAt(status, 'currentStepIndex');
  const statusPhase = stringAt(status, 'phase');
  const message = stringAt(status, 'message') || undefined;
  const inCanary =
    !!currentPodHash && !!stableRS && currentPodHash !== stableRS;

  let phase: RolloutPhase;
  if (abort) phase = 'aborted';
  else if (statusPhase === 'Degraded') phase = 'degraded';
  else if (!inCanary && (statusPhase === 'Healthy' || !statusPhase))
    phase = 'healthy';
  else if (
    specPaused ||
    pauseConditionReasons.length > 0 ||
    statusPhase === 'Paused'
  )
    phase = 'paused';
  else if (statusPhase === 'Healthy') phase = 'healthy';
  else phase = 'progressing';

  const pauseReasons =
    phase === 'paused'
      ? [
          ...(specPaused ? ['Paused by hand (spec.paused)'] : []),
          ...pauseConditionReasons.map(describePauseReason),
        ]
      : [];
  if (phase === 'paused' && pauseReasons.length === 0)
    pauseReasons.push('Paused');

  const stepIndex = Math.min(currentStepIndex ?? 0, steps.length);
  const weights = recordAt(status, 'canary', 'weights');
  const canaryWeight = inCanary
    ? clampWeight(numberAt(weights, 'canary', 'weight')) ??
      (phase === 'aborted' ? 0 : weightFromSteps(steps, stepIndex))
    : 0;
  const replicaSets = related.replicaSets ?? [];
  const template = recordAt(rollout, 'spec', 'template');
  const stableTemplate = inCanary
    ? podTemplateOf(replicaSets, stableRS)
    : template;
  const stable: RolloutRevision | undefined =
    stableRS || !inCanary
      ? revisionOfTemplate(
          stableTemplate,
          stableRS ?? currentPodHash ?? '',
          100 - canaryWeight,
        )
      : undefined;
  if (stable && inCanary && !stableTemplate) {
    delete stable.artifact;
    delete stable.modelVersion;
  }
  const canary = inCanary
    ? revisionOfTemplate(template, currentPodHash!, canaryWeight)
    : undefined;

  const analysisRuns = summarizeAnalysisRuns(
    (related.analysisRuns ?? []).filter(run => {
      const owners = arrayAt(run, 'metadata', 'ownerReferences');
      const ownedHere =
        owners.length === 0 ||
        owners.some(
          o =>
            stringAt(o, 'kind') === 'Rollout' && stringAt(o, 'name') === name,
        );
      const hash = stringMapAt(run, 'metadata', 'labels')[
        'rollouts-pod-template-hash'
      ];
      return ownedHere && (!hash || hash === currentPodHash);
    }),
  );

  const argoCd = argoCdTracking(rollout);
  return {
    kind: 'Rollout',
    namespace,
    name,
    resourceVersion,
    phase,
    ...(message ? { message } : {}),
    pauseReasons,
    ...(stable ? { stable } : {}),
    ...(canary ? { canary } : {}),
    ...(steps.length > 0
      ? { step: { index: stepIndex, count: steps.length } }
      : {}),
    steps,
    analysisRuns,
    ...(argoCd ? { argoCd } : {}),
    argo: {
      specPaused,
      pauseConditionReasons,
      controllerPause,
      ...(currentStepIndex !== undefined ? { currentStepIndex } : {}),
      ...(currentPodHash ? { currentPodHash } : {}),
      ...(stableRS ? { stableRS } : {}),
      abort,
      promoteFull,
    },
  };
}

function versionFromStorageUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const last = uri.replace(/\/+$/, '').split('/').pop();
  return last && /^v?\d+(\.\d+)*([-+][\w.]+)?$/.test(last)
    ? last.replace(/^v/, '')
    : undefined;
}

/**
 * Normalises a KServe `InferenceService` (serving.kserve.io/v1beta1) with a
 * predictor canary: `spec.predictor.canaryTrafficPercent` and the traffic
 * split KServe reports in `status.components.predictor.traffic`.
 * @public
 */
export function normalizeInferenceService(service: unknown): RolloutState {
  const { namespace, name, resourceVersion } = identity(service);
  const predictorSpec = recordAt(service, 'spec', 'predictor');
  const percentValue = valueAt(predictorSpec, 'canaryTrafficPercent');
  const canaryTrafficPercent =
    typeof percentValue === 'number' ? clampWeight(percentValue) : undefined;
  const predictor =
    recordAt(service, 'status', 'components', 'predictor') ?? {};
  const traffic = arrayAt(predictor, 'traffic');
  const latestEntry = traffic.find(t => valueAt(t, 'latestRevision') === true);
  const previousEntry = traffic.find(
    t =>
      valueAt(t, 'latestRevision') !== true &&
      (numberAt(t, 'percent') ?? 0) >= 0,
  );
  const latestCreated = stringAt(predictor, 'latestCreatedRevision');
  const latestReady = stringAt(predictor, 'latestReadyRevision');
  const latestRolledout = stringAt(predictor, 'latestRolledoutRevision');
  const storageUri =
    stringAt(predictorSpec, 'model', 'storageUri') ??
    stringAt(predictorSpec, 'storageUri');
  const labels = stringMapAt(service, 'metadata', 'labels');
  const annotations = stringMapAt(service, 'metadata', 'annotations');
  const latestVersion =
    labels[MLOPS_MODEL_VERSION_LABEL] ?? versionFromStorageUri(storageUri);
  const canaryName =
    stringAt(latestEntry, 'revisionName') ?? latestReady ?? latestCreated;
  const inCanary =
    canaryTrafficPercent !== undefined &&
    !!canaryName &&
    (previousEntry !== undefined ||
      (!!latestRolledout && latestRolledout !== canaryName));

  const conditions = arrayAt(service, 'status', 'conditions');
  const ready = conditions.find(c => stringAt(c, 'type') === 'Ready');
  const notReady = ready !== undefined && stringAt(ready, 'status') === 'False';

  let stable: RolloutRevision | undefined;
  let canary: RolloutRevision | undefined;
  if (inCanary) {
    const canaryWeight =
      clampWeight(numberAt(latestEntry, 'percent')) ??
      canaryTrafficPercent ??
      0;
    const stableVersion = annotations[MLOPS_STABLE_MODEL_VERSION_ANNOTATION];
    stable = {
      name: stringAt(previousEntry, 'revisionName') ?? latestRolledout ?? '',
      weight: 100 - canaryWeight,
      ...(stableVersion ? { modelVersion: stableVersion } : {}),
    };
    canary = {
      name: canaryName!,
      weight: canaryWeight,
      ...(storageUri ? { artifact: storageUri } : {}),
      ...(latestVersion ? { modelVersion: latestVersion } : {}),
    };
  } else if (canaryName || latestRolledout) {
    stable = {
      name: canaryName ?? latestRolledout!,
      weight: 100,
      ...(storageUri ? { artifact: storageUri } : {}),
      ...(latestVersion ? { modelVersion: latestVersion } : {}),
    };
  }

  let phase: RolloutPhase;
  let message: string | undefined;
  const pauseReasons: string[] = [];
  if (notReady) {
    phase = 'degraded';
    message =
      [stringAt(ready, 'reason'), stringAt(ready, 'message')]
        .filter(Boolean)
        .join(': ') || 'InferenceService is not Ready';
  } else if (inCanary && canaryTrafficPercent === 0) {
    phase = 'aborted';
    message =
      'Rolled back: canaryTrafficPercent is 0, the previous revision serves all traffic';
  } else if (
    inCanary &&
    latestCreated &&
    latestReady &&
    latestCreated !== latestReady
  ) {
    phase = 'progressing';
    message = `Revision ${latestCreated} is not ready yet`;
  } else if (inCanary) {
    phase = 'paused';
    pauseReasons.push(
      `Canary at ${canary!.weight}% of traffic, waiting for promotion`,
    );
  } else if (latestCreated && latestReady && latestCreated !== latestReady) {
    phase = 'progressing';
    message = `Revision ${latestCreated} is not ready yet`;
  } else {
    phase = 'healthy';
  }

  const argoCd = argoCdTracking(service);
  return {
    kind: 'InferenceService',
    namespace,
    name,
    resourceVersion,
    phase,
    ...(message ? { message } : {}),
    pauseReasons,
    ...(stable ? { stable } : {}),
    ...(canary ? { canary } : {}),
    steps: [],
    analysisRuns: [],
    ...(argoCd ? { argoCd } : {}),
    ...(canaryTrafficPercent !== undefined ? { canaryTrafficPercent } : {}),
  };
}
