import {
  RolloutActionAvailability,
  RolloutActionName,
  RolloutState,
  RolloutStateSummary,
} from '@mlops-portal/plugin-mlops-common';

/** Where a model's canary lives (`spec.deployment.kubernetes`). @public */
export interface RolloutDeployment {
  cluster: string;
  namespace: string;
  kind: 'Rollout' | 'InferenceService';
  name: string;
}

/** One input of the promote-fully gate. @public */
export interface RolloutGateCheck {
  id: 'readiness' | 'error-budget' | 'drift';
  result: 'pass' | 'fail' | 'unknown';
  detail: string;
}

/** The promote-fully gate. @public */
export interface RolloutGateDecision {
  allowed: boolean;
  version: string | null;
  checks: RolloutGateCheck[];
  reasons: string[];
}

/** Canary next to stable. @public */
export interface CanaryComparison {
  canary?: number;
  stable?: number;
}

/** Error rate (0–1) and p95 latency (ms), canary vs stable. @public */
export interface CanaryMetrics {
  source: string;
  errorRate: CanaryComparison;
  latencyP95Ms: CanaryComparison;
}

/** An action with whether the signed-in user may take it. @public */
export type RolloutActionView = RolloutActionAvailability & {
  permission: string;
  permitted: boolean;
};

/** `GET /rollout/:namespace/:name`. @public */
export interface RolloutView {
  modelRef: string;
  deployment: RolloutDeployment;
  state: RolloutState;
  actions: RolloutActionView[];
  gate: RolloutGateDecision | null;
  canOverride: boolean;
  argoCdWarning: string | null;
  metrics: CanaryMetrics | null;
  fetchedAt: string;
}

/** A request to act on a canary. @public */
export interface RolloutActionRequest {
  action: RolloutActionName;
  expectedResourceVersion: string;
  weight?: number;
  justification?: string;
}

/** One recorded canary action. @public */
export interface RolloutActionRecord {
  id: string;
  modelRef: string;
  action: RolloutActionName;
  weight: number | null;
  actor: string;
  occurredAt: string;
  before: RolloutStateSummary;
  after: RolloutStateSummary;
  override: boolean;
  justification: string | null;
}

/** `POST /rollout/:namespace/:name/actions`. @public */
export interface RolloutActionResponse {
  action: RolloutActionName;
  override: boolean;
  record: RolloutActionRecord;
  rollout: RolloutView;
}

/** `POST /rollout/summary`. @public */
export interface RolloutSummaryResponse {
  items: Array<{
    entityRef: string;
    rollout: RolloutStateSummary | null;
    error?: string;
  }>;
}
