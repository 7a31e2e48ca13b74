import { Entity } from '@backstage/catalog-model';

/** The apiVersion of the MLModel kind. @public */
export const ML_MODEL_API_VERSION = 'mlops-portal.io/v1alpha1';
/** The kind name. @public */
export const ML_MODEL_KIND = 'MLModel';

/** @public */
export const ML_MODEL_TYPES = [
  'classification',
  'regression',
  'ranking',
  'recommendation',
  'forecasting',
  'anomaly-detection',
  'generative',
  'embedding',
  'other',
] as const;
/** @public */
export type MLModelType = (typeof ML_MODEL_TYPES)[number];

/** @public */
export const ML_MODEL_LIFECYCLES = [
  'experimental',
  'staging',
  'production',
  'deprecated',
] as const;
/** @public */
export type MLModelLifecycle = (typeof ML_MODEL_LIFECYCLES)[number];

/**
 * Risk tiers, lowest first. The tier drives policy defaults elsewhere in the
 * suite (how many approvers a readiness review needs, canary pacing).
 * @public
 */
export const ML_MODEL_RISK_TIERS = [
  'low',
  'medium',
  'high',
  'critical',
] as const;
/** @public */
export type MLModelRiskTier = (typeof ML_MODEL_RISK_TIERS)[number];

/** @public */
export const ML_FEATURE_TYPES = ['numerical', 'categorical'] as const;
/** @public */
export type MLFeatureType = (typeof ML_FEATURE_TYPES)[number];

/** @public */
export const SLO_BUDGETING_METHODS = ['Occurrences', 'Timeslices'] as const;
/** @public */
export type SloBudgetingMethod = (typeof SLO_BUDGETING_METHODS)[number];

/** @public */
export const ML_DEPLOYMENT_KINDS = ['Rollout', 'InferenceService'] as const;
/** @public */
export type MLDeploymentKind = (typeof ML_DEPLOYMENT_KINDS)[number];

/** One registered version of a model (MLflow's "model version"). @public */
export type MLModelVersion = {
  version: string;
  description?: string;
  artifact?: { uri: string; digest?: string };
  registeredAt?: string;
  /** Dataset entity refs this version was trained on. */
  trainedOn?: string[];
  /** Evaluation metrics recorded for this version, by metric name. */
  metrics?: Record<string, number>;
};

/** A model input as drift detection sees it. @public */
export type MLModelFeature = {
  name: string;
  type: MLFeatureType;
  description?: string;
};

/** Ratio indicator: good (or bad) events over total events. @public */
export type SloRatioIndicator = {
  good?: string;
  bad?: string;
  total: string;
};

/** Latency indicator: the share of requests faster than a threshold. @public */
export type SloLatencyIndicator = {
  /** Histogram metric name (the `_bucket`, `_count` series derive from it). */
  metric: string;
  /** Threshold in seconds; must match a histogram bucket boundary. */
  threshold: number;
  /** Optional label selector, e.g. `{service="fraud-scorer"}`. */
  selector?: string;
};

/** An OpenSLO-compatible subset. @public */
export type MLModelSlo = {
  name: string;
  description?: string;
  objective: number;
  window: string;
  calendar?: boolean;
  budgetingMethod?: SloBudgetingMethod;
  /** Timeslices only: the share of good events that makes a slice good. */
  timeSliceTarget?: number;
  /** Timeslices only: the slice length, e.g. `5m`. */
  timeSliceWindow?: string;
  indicator: { ratio: SloRatioIndicator } | { latency: SloLatencyIndicator };
};

/** Where the model is served on Kubernetes. @public */
export type MLModelKubernetesDeployment = {
  cluster: string;
  namespace: string;
  kind: MLDeploymentKind;
  name: string;
};

/** Model card sections (after Mitchell et al., "Model Cards for Model Reporting"). @public */
export type MLModelCard = {
  summary?: string;
  intendedUse?: string;
  outOfScopeUse?: string;
  limitations?: string;
  ethicalConsiderations?: string;
  trainingData?: string;
  evaluation?: string;
  caveats?: string;
};

/** The `spec` of an MLModel. @public */
export type MLModelSpec = {
  type: MLModelType;
  lifecycle: MLModelLifecycle;
  owner: string;
  system?: string;
  riskTier?: MLModelRiskTier;
  framework?: string;
  version?: string;
  versions?: MLModelVersion[];
  datasets?: string[];
  servedBy?: string[];
  features?: MLModelFeature[];
  slos?: MLModelSlo[];
  deployment?: { kubernetes?: MLModelKubernetesDeployment };
  modelCard?: MLModelCard;
};

/** An MLModel catalog entity. @public */
export type MLModelEntityV1alpha1 = Entity & {
  apiVersion: typeof ML_MODEL_API_VERSION;
  kind: typeof ML_MODEL_KIND;
  spec: MLModelSpec;
};

/** Type guard: is this entity an MLModel? @public */
export function isMLModelEntity(
  entity: Entity | undefined | null,
): entity is MLModelEntityV1alpha1 {
  return (
    !!entity &&
    entity.apiVersion === ML_MODEL_API_VERSION &&
    entity.kind?.toLocaleLowerCase('en-US') ===
      ML_MODEL_KIND.toLocaleLowerCase('en-US')
  );
}
