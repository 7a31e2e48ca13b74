import {
  RolloutActionAvailability,
  RolloutActionName,
  RolloutState,
  RolloutWorkloadKind,
} from './rolloutState';
import { RolloutStateSummary } from './rolloutSummary';

/*
 * The canary API's JSON bodies (`/api/mlops/rollout`). They live here rather
 * than in the backend so that the backend that builds them and the frontend
 * that reads them cannot drift apart. Dates are ISO 8601 strings, so these
 * are the wire form as is.
 */

/** Where a model's canary lives (`spec.deployment.kubernetes`). @public */
export interface RolloutWorkloadRef {
  cluster: string;
  namespace: string;
  kind: RolloutWorkloadKind;
  name: string;
}

/** One input of the promote-fully gate. @public */
export interface RolloutGateCheck {
  id: 'readiness' | 'error-budget' | 'drift';
  /** `pass`: fine; `fail`: blocks; `unknown`: no data, does not block. */
  result: 'pass' | 'fail' | 'unknown';
  detail: string;
}

/** Whether "promote fully" may go ahead, and why not. @public */
export interface RolloutGateDecision {
  allowed: boolean;
  /** The version the gate was asked about (the canary's model version). */
  version: string | null;
  checks: RolloutGateCheck[];
  /** The failing checks' details, for the refusal. */
  reasons: string[];
}

/** Canary next to stable for one signal. @public */
export interface CanaryComparison {
  canary?: number;
  stable?: number;
}

/** What the panel shows beside the analysis: error rate and latency, canary vs stable. @public */
export interface CanaryMetrics {
  /** Where the numbers come from, e.g. `analysis-run fraud-scorer-7b9c4d5f8-14-1`. */
  source: string;
  /** Ratio of failed requests, 0–1. */
  errorRate: CanaryComparison;
  /** 95th percentile latency in milliseconds. */
  latencyP95Ms: CanaryComparison;
}

/** An action with whether the caller may take it. @public */
export type RolloutActionView = RolloutActionAvailability & {
  /** The permission the action needs (`mlops.rollout.promote` or `.abort`). */
  permission: string;
  /** Whether the caller holds it for this model. */
  permitted: boolean;
};

/** `GET /rollout/:namespace/:name`. @public */
export interface RolloutView {
  modelRef: string;
  deployment: RolloutWorkloadRef;
  state: RolloutState;
  actions: RolloutActionView[];
  /** The promote-fully gate; null when there is no canary to promote. */
  gate: RolloutGateDecision | null;
  /** Whether the caller holds `mlops.rollout.override` for this model. */
  canOverride: boolean;
  /** Set when Argo CD tracks the object and may revert a manual change. */
  argoCdWarning: string | null;
  metrics: CanaryMetrics | null;
  /** ISO 8601. */
  fetchedAt: string;
}

/** The body of `POST /rollout/:namespace/:name/actions`. @public */
export interface RolloutActionCommand {
  action: RolloutActionName;
  /** The resourceVersion of the state the user decided on. */
  expectedResourceVersion: string;
  weight?: number;
  justification?: string;
}

/** One action taken on a canary, as recorded. @public */
export interface RolloutActionRecord {
  id: string;
  modelRef: string;
  cluster: string;
  namespace: string;
  workloadKind: RolloutWorkloadKind;
  workloadName: string;
  action: RolloutActionName;
  weight: number | null;
  actor: string;
  /** ISO 8601. */
  occurredAt: string;
  beforeResourceVersion: string;
  afterResourceVersion: string;
  before: RolloutStateSummary;
  after: RolloutStateSummary;
  override: boolean;
  justification: string | null;
  gate: RolloutGateDecision | null;
}

/** `POST /rollout/:namespace/:name/actions`. @public */
export interface RolloutActionResponse {
  action: RolloutActionName;
  override: boolean;
  record: RolloutActionRecord;
  rollout: RolloutView;
}

/** One row of `POST /rollout/summary`. @public */
export interface ModelRolloutSummary {
  entityRef: string;
  /** null when the model names no deployment, or it could not be read (see `error`). */
  rollout: RolloutStateSummary | null;
  error?: string;
}

/** `POST /rollout/summary`, in the order asked. @public */
export interface RolloutSummaryResponse {
  items: ModelRolloutSummary[];
}
