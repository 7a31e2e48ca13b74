/*
 * Shared fixtures for the readiness tests: a complete critical model, the
 * people of the demo organisation, and a context builder for the reducer.
 * Only test files import this module.
 */
import {
  MLModelEntityV1alpha1,
  MLModelRiskTier,
} from '../kinds/MLModelEntityV1alpha1';
import { ChecklistItem, checklistFor } from './checklist';
import { AutomaticCheckResult } from './evaluateChecks';
import { DEFAULT_READINESS_POLICY, ReadinessPolicy } from './policy';
import {
  ReadinessReview,
  ReviewActor,
  ReviewCommand,
  ReviewCommandContext,
} from './review';
import { applyReviewCommand } from './reviewLifecycle';

export const MODEL_REF = 'mlmodel:default/card-fraud-detector';
export const OWNER = 'group:default/fraud-ml';
export const SECURITY = 'group:default/security-reviewers';
export const T0 = new Date('2026-04-21T09:00:00.000Z');

export function minutesAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

export function daysAfter(start: Date, days: number): Date {
  return new Date(start.getTime() + days * 86_400_000);
}

/** A model that passes every automatic check at every tier. */
export function completeModel(
  overrides: Partial<MLModelEntityV1alpha1['spec']> = {},
  metadata: Partial<MLModelEntityV1alpha1['metadata']> = {},
): MLModelEntityV1alpha1 {
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: {
      name: 'card-fraud-detector',
      links: [
        {
          url: 'https://runbooks.example/fraud',
          title: 'Runbook',
          type: 'runbook',
        },
        {
          url: 'https://grafana.example/d/fraud',
          title: 'Grafana',
          type: 'dashboard',
        },
      ],
      ...metadata,
    },
    spec: {
      type: 'classification',
      lifecycle: 'production',
      owner: OWNER,
      riskTier: 'critical',
      versions: [
        { version: '3.2.0', metrics: { auc: 0.967 } },
        {
          version: '3.3.0',
          trainedOn: ['resource:default/card-transactions'],
          metrics: { auc: 0.969, pr_auc: 0.735 },
        },
      ],
      datasets: ['resource:default/card-transactions', 'chargebacks'],
      features: [
        { name: 'amount_eur', type: 'numerical' },
        { name: 'currency', type: 'categorical' },
        { name: 'txn_count_1h', type: 'numerical' },
      ],
      slos: [
        {
          name: 'availability',
          objective: 0.9995,
          window: '28d',
          indicator: { ratio: { bad: 'errors', total: 'requests' } },
        },
      ],
      deployment: {
        kubernetes: {
          cluster: 'demo-cluster',
          namespace: 'fraud-ml',
          kind: 'Rollout',
          name: 'fraud-scorer',
        },
      },
      modelCard: {
        intendedUse: 'Real-time scoring of card payments.',
        limitations: 'Labels arrive late.',
        ethicalConsiderations: 'Decline rates are monitored per country.',
        trainingData: '18 months of authorisations.',
        evaluation: 'Out-of-time AUC 0.967.',
      },
      ...overrides,
    },
  };
}

export const ALL_REFS_EXIST = {
  existingRefs: [
    OWNER,
    'resource:default/card-transactions',
    'resource:default/chargebacks',
  ],
};

export const people = {
  ada: {
    userRef: 'user:default/ada',
    ownershipRefs: ['user:default/ada', OWNER],
  },
  hedy: {
    userRef: 'user:default/hedy',
    ownershipRefs: ['user:default/hedy', OWNER],
  },
  barbara: {
    userRef: 'user:default/barbara',
    ownershipRefs: [
      'user:default/barbara',
      OWNER,
      'group:default/ml-reviewers',
    ],
    canSignOff: true,
  },
  grace: {
    userRef: 'user:default/grace',
    ownershipRefs: [
      'user:default/grace',
      'group:default/search-ranking',
      'group:default/ml-reviewers',
    ],
    canSignOff: true,
  },
  alan: {
    userRef: 'user:default/alan',
    ownershipRefs: [
      'user:default/alan',
      'group:default/forecasting',
      'group:default/ml-reviewers',
    ],
    canSignOff: true,
  },
  margaret: {
    userRef: 'user:default/margaret',
    ownershipRefs: ['user:default/margaret', SECURITY],
    canSignOff: true,
  },
  donald: {
    userRef: 'user:default/donald',
    ownershipRefs: ['user:default/donald', 'group:default/search-ranking'],
  },
} satisfies Record<string, ReviewActor>;

export function contextFor(
  actor: ReviewActor,
  options: {
    now?: Date;
    tier?: MLModelRiskTier;
    policy?: ReadinessPolicy;
    versions?: string[];
    ownerRef?: string;
  } = {},
): ReviewCommandContext {
  return {
    now: options.now ?? T0,
    actor,
    policy: options.policy ?? DEFAULT_READINESS_POLICY,
    model: {
      ref: MODEL_REF,
      ownerRef: options.ownerRef ?? OWNER,
      tier: options.tier ?? 'critical',
      versions: options.versions ?? ['3.2.0', '3.3.0'],
    },
  };
}

/** Results that pass every automatic check of a checklist. */
export function passingResults(
  checklist: ChecklistItem[],
): AutomaticCheckResult[] {
  return checklist
    .filter(c => c.kind === 'automatic')
    .map(c => ({
      checkId: c.id,
      status: 'passed',
      evidence: {},
      summary: `${c.title}: ok.`,
    }));
}

/** Applies a command and fails the test with the reason when it is refused. */
export function mustApply(
  review: ReadinessReview | undefined,
  command: ReviewCommand,
  context: ReviewCommandContext,
): ReadinessReview {
  const result = applyReviewCommand(review, command, context);
  if (!result.ok) {
    throw new Error(
      `${command.type} was refused (${result.code}): ${result.reason}`,
    );
  }
  return result.review;
}

/** A review opened by Ada with every automatic check passed and every manual check attested. */
export function readyReview(
  options: {
    tier?: MLModelRiskTier;
    policy?: ReadinessPolicy;
    id?: string;
    version?: string;
    now?: Date;
  } = {},
): ReadinessReview {
  const tier = options.tier ?? 'critical';
  const policy = options.policy ?? DEFAULT_READINESS_POLICY;
  const now = options.now ?? T0;
  const ctx = (actor: ReviewActor) => contextFor(actor, { tier, policy, now });
  let review = mustApply(
    undefined,
    {
      type: 'open',
      reviewId: options.id ?? '12',
      version: options.version ?? '3.3.0',
      existingReviews: [],
    },
    ctx(people.ada),
  );
  review = mustApply(
    review,
    {
      type: 'recordAutomaticResults',
      results: passingResults(checklistFor(tier, policy)),
    },
    ctx(people.ada),
  );
  for (const check of review.checklist.filter(c => c.kind === 'manual')) {
    review = mustApply(
      review,
      {
        type: 'attest',
        checkId: check.id,
        evidenceUrl: `https://wiki.example/fraud/${check.id}`,
        comment: `${check.title}: done.`,
      },
      ctx(people.ada),
    );
  }
  return review;
}

/** `readyReview` approved by Grace and Margaret (security), one minute apart. */
export function approvedReview(
  options: {
    id?: string;
    version?: string;
    now?: Date;
    policy?: ReadinessPolicy;
  } = {},
): ReadinessReview {
  const now = options.now ?? T0;
  const policy = options.policy ?? DEFAULT_READINESS_POLICY;
  let review = readyReview({ ...options, now, policy });
  review = mustApply(
    review,
    { type: 'approve', comment: 'Evidence checked.' },
    contextFor(people.grace, { now: minutesAfter(now, 1), policy }),
  );
  review = mustApply(
    review,
    { type: 'approve', comment: 'Threat model is sound.' },
    contextFor(people.margaret, { now: minutesAfter(now, 2), policy }),
  );
  return review;
}

/** Recursively freezes a value so that a test fails if the reducer mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
