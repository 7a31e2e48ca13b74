/** The two kinds of canary the portal understands. @public */
export type RolloutWorkloadKind = 'Rollout' | 'InferenceService';

/**
 * Where a canary stands, in the portal's words:
 * - `progressing`: moving through its steps (or revisions becoming ready) by itself;
 * - `paused`: waiting for a person (pause step, manual pause, KServe canary at a fixed percentage);
 * - `degraded`: unhealthy without having been aborted;
 * - `aborted`: rolled back to stable (Argo `status.abort`, KServe `canaryTrafficPercent: 0`);
 * - `healthy`: no canary in flight, stable serves all traffic.
 * @public
 */
export type RolloutPhase =
  | 'progressing'
  | 'paused'
  | 'degraded'
  | 'aborted'
  | 'healthy';

/** The actions the canary panel offers. @public */
export type RolloutActionName =
  | 'promote'
  | 'promoteFull'
  | 'abort'
  | 'retry'
  | 'setWeight';

/** Every action, in the order the panel shows them. @public */
export const ROLLOUT_ACTION_NAMES: RolloutActionName[] = [
  'promote',
  'promoteFull',
  'abort',
  'retry',
  'setWeight',
];

/** One revision of the workload: a ReplicaSet pod hash or a Knative revision. @public */
export interface RolloutRevision {
  /** Pod template hash (Argo) or revision name (KServe). */
  name: string;
  /** Container image (Argo) or storage URI (KServe), when known. */
  artifact?: string;
  /** The model version it serves (label `mlops-portal.io/model-version`), when known. */
  modelVersion?: string;
  /** Share of traffic, 0–100. */
  weight: number;
}

/** One step of an Argo Rollouts canary strategy. @public */
export interface RolloutStep {
  type: 'setWeight' | 'pause' | 'analysis' | 'other';
  /** `setWeight`. */
  weight?: number;
  /** `pause` with a duration (absent: indefinite). */
  duration?: string;
  /** `analysis` template names. */
  templates?: string[];
}

/** One metric of an analysis run, with its latest measurement. @public */
export interface RolloutAnalysisMetric {
  name: string;
  /** Successful, Failed, Inconclusive, Error, Running, Pending. */
  phase: string;
  /** The latest measurement's value as the provider reported it (e.g. `[0.0042]`). */
  value?: string;
  successCondition?: string;
  failureCondition?: string;
}

/** An Argo Rollouts AnalysisRun, summarised. @public */
export interface RolloutAnalysisRun {
  name: string;
  phase: string;
  message?: string;
  /** The canary step that started it (label `step-index`), for step analyses. */
  stepIndex?: number;
  /** The pod template hash it analysed. */
  podHash?: string;
  startedAt?: string;
  metrics: RolloutAnalysisMetric[];
}

/** How Argo CD tracks the object, when it does. @public */
export interface ArgoCdTracking {
  /** The Argo CD application name. */
  application: string;
  /**
   * `annotation`: `argocd.argoproj.io/tracking-id` (certain);
   * `label`: `app.kubernetes.io/instance` (Argo CD's default, but Helm sets it too).
   */
  method: 'annotation' | 'label';
}

/**
 * The raw Argo Rollouts fields the upstream promote logic decides on; kept so
 * that patches can be planned from the state alone.
 * @public
 */
export interface ArgoRolloutFields {
  specPaused: boolean;
  pauseConditionReasons: string[];
  controllerPause: boolean;
  currentStepIndex?: number;
  currentPodHash?: string;
  stableRS?: string;
  abort: boolean;
  promoteFull: boolean;
}

/** A canary of either kind, normalised. @public */
export interface RolloutState {
  kind: RolloutWorkloadKind;
  namespace: string;
  name: string;
  /** The object's resourceVersion: actions must name it (optimistic concurrency). */
  resourceVersion: string;
  phase: RolloutPhase;
  /** The controller's own message (`status.message`, a failing condition). */
  message?: string;
  /** Why it is paused, in words, when `phase` is `paused`. */
  pauseReasons: string[];
  /** Serves the rest of the traffic (or all of it when there is no canary). */
  stable?: RolloutRevision;
  /** The revision being rolled out; absent when none is in flight. */
  canary?: RolloutRevision;
  /** Argo Rollouts steps: the index of the current step (0-based; = count when done). */
  step?: { index: number; count: number };
  steps: RolloutStep[];
  analysisRuns: RolloutAnalysisRun[];
  argoCd?: ArgoCdTracking;
  /** Present for kind Rollout. */
  argo?: ArgoRolloutFields;
  /** Present for kind InferenceService: `spec.predictor.canaryTrafficPercent`. */
  canaryTrafficPercent?: number;
}

/** Whether an action is legal now, and why not. @public */
export interface RolloutActionAvailability {
  action: RolloutActionName;
  allowed: boolean;
  /** Set when not allowed: a sentence the panel shows. */
  reason?: string;
}
