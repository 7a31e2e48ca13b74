import { MLModelCard, MLModelRiskTier } from '../kinds/MLModelEntityV1alpha1';
import { ReadinessCheck } from './checklist';

/**
 * The ids of the checks the portal evaluates itself. Each has an evaluator in
 * `evaluateChecks.ts`; configuration can disable or re-tier them but not add
 * new automatic ones.
 * @public
 */
export const AUTOMATIC_CHECK_IDS = [
  'owner-exists',
  'lifecycle-not-experimental',
  'evaluation-metrics',
  'model-card',
  'datasets-exist',
  'dashboard-link',
  'runbook-link',
  'slos-defined',
  'drift-features',
  'rollout-declared',
] as const;
/** @public */
export type AutomaticCheckId = (typeof AUTOMATIC_CHECK_IDS)[number];

const ALL: MLModelRiskTier[] = ['low', 'medium', 'high', 'critical'];
const MEDIUM_UP: MLModelRiskTier[] = ['medium', 'high', 'critical'];
const HIGH_UP: MLModelRiskTier[] = ['high', 'critical'];

/**
 * The built-in checklist. Rigour grows with the risk tier: a low-tier model
 * needs the basics of ownership and documentation, a critical one also needs
 * rehearsed operations, a fairness review and a security threat model.
 * @public
 */
export const DEFAULT_READINESS_CHECKS: ReadinessCheck[] = [
  {
    id: 'owner-exists',
    title: 'Owner exists in the catalog',
    why: 'Someone has to answer pages and questions about the model; an owner that does not resolve means nobody will.',
    category: 'governance',
    kind: 'automatic',
    tiers: ALL,
  },
  {
    id: 'lifecycle-not-experimental',
    title: 'Lifecycle is not experimental',
    why: 'Experimental models are allowed shortcuts (no SLOs, no on-call); promoting one must be a deliberate change of lifecycle.',
    category: 'governance',
    kind: 'automatic',
    tiers: ALL,
  },
  {
    id: 'evaluation-metrics',
    title: 'Evaluation metrics recorded for this version',
    why: 'Without offline metrics for the exact version under review there is nothing to compare it with the version in production.',
    category: 'governance',
    kind: 'automatic',
    tiers: ALL,
  },
  {
    id: 'model-card',
    title: 'Model card filled in',
    why: 'The model card tells users what the model is for and where it fails; higher tiers must also document ethics, evaluation and training data.',
    category: 'documentation',
    kind: 'automatic',
    tiers: ALL,
  },
  {
    id: 'datasets-exist',
    title: 'Training datasets declared and registered',
    why: 'Lineage to registered datasets is what lets an incident or an audit trace a prediction back to the data behind it.',
    category: 'governance',
    kind: 'automatic',
    tiers: ALL,
  },
  {
    id: 'dashboard-link',
    title: 'Dashboard linked',
    why: 'Whoever is paged needs to see traffic, errors and prediction distributions in one place.',
    category: 'monitoring',
    kind: 'automatic',
    tiers: ALL,
  },
  {
    id: 'runbook-link',
    title: 'Runbook linked',
    why: 'At 3 a.m. the person on call follows the runbook, not the author; it says how to roll back and whom to call.',
    category: 'reliability',
    kind: 'automatic',
    tiers: MEDIUM_UP,
  },
  {
    id: 'slos-defined',
    title: 'SLOs defined',
    why: 'Service level objectives decide when an alert fires and when the error budget stops a rollout.',
    category: 'monitoring',
    kind: 'automatic',
    tiers: MEDIUM_UP,
  },
  {
    id: 'drift-features',
    title: 'Features declared for drift detection',
    why: 'Drift detection compares production inputs with the training reference feature by feature; undeclared features are not watched.',
    category: 'monitoring',
    kind: 'automatic',
    tiers: MEDIUM_UP,
  },
  {
    id: 'rollout-declared',
    title: 'Progressive rollout declared',
    why: 'A canary (Argo Rollout or KServe InferenceService) limits the blast radius of a bad model and makes rollback one click.',
    category: 'reliability',
    kind: 'automatic',
    tiers: HIGH_UP,
  },
  {
    id: 'on-call-rotation',
    title: 'On-call rotation set up',
    why: 'Alerts need a human who is reachable around the clock and knows the model.',
    category: 'reliability',
    kind: 'manual',
    tiers: MEDIUM_UP,
  },
  {
    id: 'rollback-rehearsed',
    title: 'Rollback rehearsed',
    why: 'A rollback that has never been tried tends to fail when it is needed; rehearsing it proves the previous version can still serve.',
    category: 'reliability',
    kind: 'manual',
    tiers: MEDIUM_UP,
  },
  {
    id: 'champion-comparison',
    title: 'Compared with the production version',
    why: 'A new version should be at least as good as the one it replaces on the metrics and slices that matter, not just on the headline number.',
    category: 'governance',
    kind: 'manual',
    tiers: MEDIUM_UP,
  },
  {
    id: 'load-test',
    title: 'Load tested at 2× expected peak',
    why: 'Headroom of twice the expected peak absorbs seasonal spikes and retries without breaching the latency SLO.',
    category: 'reliability',
    kind: 'manual',
    tiers: HIGH_UP,
  },
  {
    id: 'bias-fairness-review',
    title: 'Bias and fairness review done',
    why: 'High-impact decisions must not treat groups of people differently without a justified reason; this has to be measured, not assumed.',
    category: 'governance',
    kind: 'manual',
    tiers: HIGH_UP,
  },
  {
    id: 'privacy-review',
    title: 'Personal data use reviewed',
    why: 'Training and logging personal data needs a legal basis, retention limits and redaction; the privacy team has to agree before launch.',
    category: 'governance',
    kind: 'manual',
    tiers: HIGH_UP,
  },
  {
    id: 'security-threat-model',
    title: 'Security threat model reviewed',
    why: 'Critical models attract attacks (evasion, poisoning, model extraction, prompt injection); the threat model says which are mitigated.',
    category: 'security',
    kind: 'manual',
    tiers: ['critical'],
  },
];

/** Model card sections the `model-card` check requires, per tier. @public */
export const DEFAULT_MODEL_CARD_SECTIONS: Record<
  MLModelRiskTier,
  Array<keyof MLModelCard>
> = {
  low: ['intendedUse', 'limitations'],
  medium: ['intendedUse', 'limitations'],
  high: [
    'intendedUse',
    'limitations',
    'ethicalConsiderations',
    'evaluation',
    'trainingData',
  ],
  critical: [
    'intendedUse',
    'limitations',
    'ethicalConsiderations',
    'evaluation',
    'trainingData',
  ],
};

/** The group whose approval critical models need by default. @public */
export const DEFAULT_SECURITY_GROUP = 'group:default/security-reviewers';

/** Default number of approvals, and whether one must come from the security group. @public */
export const DEFAULT_APPROVALS: Record<
  MLModelRiskTier,
  { count: number; securityApproval: boolean }
> = {
  low: { count: 1, securityApproval: false },
  medium: { count: 1, securityApproval: false },
  high: { count: 2, securityApproval: false },
  critical: { count: 2, securityApproval: true },
};

/**
 * How long an approval stays valid. A quarter matches the usual cadence of
 * retraining and of access reviews, so an unused approval does not outlive
 * the data it was judged on.
 * @public
 */
export const DEFAULT_APPROVAL_VALIDITY = '90d';
