import {
  applyReviewCommand,
  AutomaticCheckResult,
  DEFAULT_READINESS_POLICY,
  effectiveStatus,
  evidenceDocument,
  MLModelEntityV1alpha1,
  ReadinessReview,
  ReviewActor,
  ReviewAuditEvent,
  reviewCheckStates,
  ReviewCommand,
  summarizeReview,
} from '@mlops-portal/plugin-mlops-common';
import {
  ChecklistEntry,
  ReadinessEvidenceDocument,
  ReviewAuditEntry,
  ReviewOverview,
  ReviewView,
} from '../api/types';
import { fraudDetector } from './fixtures';

/*
 * Reviews for component tests, built by replaying commands through the
 * real readiness engine (as the backend does), so that their shape and
 * their status always agree with mlops-common. The views are built as the
 * backend's `reviewViews.ts` builds them.
 */

export const T0 = new Date('2026-04-21T09:00:00.000Z');
export const NOW = new Date('2026-04-25T09:00:00.000Z');
const policy = DEFAULT_READINESS_POLICY;

const person = (
  name: string,
  groups: string[],
  canSignOff: boolean,
): ReviewActor => ({
  userRef: `user:default/${name}`,
  ownershipRefs: [
    `user:default/${name}`,
    ...groups.map(g => `group:default/${g}`),
  ],
  canSignOff,
});

export const ADA = person('ada', ['fraud-ml'], false);
export const BARBARA = person('barbara', ['fraud-ml', 'ml-reviewers'], true);
export const GRACE = person('grace', ['search-ranking', 'ml-reviewers'], true);
export const MARGARET = person('margaret', ['security-reviewers'], true);

/** The automatic results of a model that passes everything except datasets. */
export function automaticResults(
  options: { failDatasets?: boolean } = {},
): AutomaticCheckResult[] {
  return policy.checks
    .filter(c => c.kind === 'automatic')
    .map(c => {
      if (c.id === 'datasets-exist' && options.failDatasets) {
        return {
          checkId: c.id,
          status: 'failed',
          evidence: {
            declared: [
              'resource:default/transactions-2025',
              'resource:default/chargebacks',
            ],
            missing: ['resource:default/chargebacks'],
          },
          summary:
            '1 of 2 declared datasets is not in the catalog: resource:default/chargebacks.',
        };
      }
      if (c.id === 'runbook-link') {
        return {
          checkId: c.id,
          status: 'passed',
          evidence: { url: 'https://runbooks.example.com/fraud', title: null },
          summary:
            'The runbook link points to https://runbooks.example.com/fraud.',
        };
      }
      return {
        checkId: c.id,
        status: 'passed',
        evidence: {},
        summary: `${c.title}: passed.`,
      };
    });
}

type Step = [ReviewCommand | 'open', ReviewActor, Date?];

/**
 * Replays `steps` on a new review of `version` of the fraud detector
 * (high tier unless `model` says otherwise): `'open'` opens it.
 */
export function replayReview(
  steps: Step[],
  options: {
    model?: MLModelEntityV1alpha1;
    version?: string;
    id?: string;
  } = {},
): { review: ReadinessReview; events: ReviewAuditEvent[] } {
  const model = options.model ?? fraudDetector();
  const version = options.version ?? '2.1.0';
  let review: ReadinessReview | undefined;
  const events: ReviewAuditEvent[] = [];
  steps.forEach(([command, actor, at], i) => {
    const result = applyReviewCommand(
      review,
      command === 'open'
        ? {
            type: 'open',
            reviewId: options.id ?? 'review-1',
            version,
            existingReviews: [],
          }
        : command,
      {
        now: at ?? new Date(T0.getTime() + i * 60_000),
        actor,
        policy,
        model: {
          ref: `mlmodel:default/${model.metadata.name}`,
          ownerRef: model.spec.owner,
          tier: model.spec.riskTier ?? 'medium',
          versions: (model.spec.versions ?? []).map(v => v.version),
        },
      },
    );
    if (!result.ok) {
      throw new Error(`Step ${i} refused: ${result.reason}`);
    }
    review = result.review;
    events.push(...result.events);
  });
  return { review: review!, events };
}

/** `GET /reviews/:id`. */
export function toView(review: ReadinessReview, now = NOW): ReviewView {
  const checklist: ChecklistEntry[] = reviewCheckStates(review).map(
    ({ check, state, summary }) => ({
      ...check,
      state,
      ...(summary !== undefined ? { summary } : {}),
      ...(check.kind === 'automatic' && review.automaticResults[check.id]
        ? { result: review.automaticResults[check.id] }
        : {}),
      ...(check.kind === 'manual' && review.attestations[check.id]
        ? { attestation: review.attestations[check.id] }
        : {}),
    }),
  );
  return {
    review,
    revision: 1,
    status: effectiveStatus(review, now, policy),
    summary: summarizeReview(review, now, policy),
    checklist,
  };
}

/** A review as lists show it. */
export function toOverview(review: ReadinessReview, now = NOW): ReviewOverview {
  const { checks, ...summary } = summarizeReview(review, now, policy);
  const { items: _items, ...counts } = checks;
  return {
    id: review.id,
    modelRef: review.modelRef,
    version: review.version,
    tier: review.tier,
    status: summary.status,
    author: review.author,
    openedAt: review.openedAt,
    updatedAt: review.updatedAt,
    checks: counts,
    approvals: summary.approvals,
    stale: summary.stale,
    expired: summary.expired,
    ...(summary.approvedAt ? { approvedAt: summary.approvedAt } : {}),
    ...(summary.expiresAt ? { expiresAt: summary.expiresAt } : {}),
    blockingReasons: summary.blockingReasons,
  };
}

/** The audit log rows the backend would store for `events`. */
export function toAuditEntries(events: ReviewAuditEvent[]): ReviewAuditEntry[] {
  return events.map((e, i) => ({
    sequence: i + 1,
    reviewId: e.reviewId,
    modelRef: e.modelRef,
    version: e.version,
    action: e.action,
    actor: e.actor,
    occurredAt: e.at,
    before: e.before,
    after: e.after,
    details: e.details,
  }));
}

/** `GET /reviews/:id/audit?format=evidence`, exported by `generatedBy`. */
export function toEvidenceDocument(
  review: ReadinessReview,
  events: ReviewAuditEvent[],
  generatedBy: string,
  now = NOW,
): ReadinessEvidenceDocument {
  return evidenceDocument({
    review,
    model: fraudDetector(),
    auditTrail: toAuditEntries(events),
    generatedBy,
    now,
    policy,
  });
}

/** Attests every manual check of a review's checklist, as `actor`. */
export function attestAll(review: ReadinessReview, actor: ReviewActor): Step[] {
  return review.checklist
    .filter(c => c.kind === 'manual')
    .map(c => [
      {
        type: 'attest',
        checkId: c.id,
        evidenceUrl: `https://wiki.example.com/${c.id}`,
        comment: `Evidence for ${c.id}.`,
      },
      actor,
    ]);
}

/** An open high-tier review of fraud-detector 2.1.0 by Ada: automatic checks passed, nothing attested. */
export function openReview(options: { failDatasets?: boolean } = {}) {
  return replayReview([
    ['open', ADA],
    [
      {
        type: 'recordAutomaticResults',
        results: automaticResults(options),
      },
      ADA,
    ],
  ]);
}

/** The same review with every manual check attested and approved by Barbara and Grace. */
export function approvedReview() {
  const { review } = openReview();
  return replayReview([
    ['open', ADA],
    [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
    ...attestAll(review, ADA),
    [{ type: 'approve', comment: 'Looks good' }, BARBARA],
    [{ type: 'approve' }, GRACE],
  ]);
}
