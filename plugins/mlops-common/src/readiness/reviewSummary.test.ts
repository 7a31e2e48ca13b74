import { DEFAULT_READINESS_POLICY } from './policy';
import {
  SECURITY,
  T0,
  approvedReview,
  contextFor,
  daysAfter,
  minutesAfter,
  mustApply,
  passingResults,
  people,
  readyReview,
} from './readinessTestFixtures';
import { summarizeReview } from './reviewSummary';
import { approvalProgress, reviewCheckStates } from './reviewStatus';

const policy = DEFAULT_READINESS_POLICY;

describe('summarizeReview', () => {
  it('summarises a fresh review: everything pending, no approvals', () => {
    const review = mustApply(
      undefined,
      { type: 'open', reviewId: '12', version: '3.3.0', existingReviews: [] },
      contextFor(people.ada, { tier: 'medium' }),
    );
    const summary = summarizeReview(review, T0, policy);
    expect(summary).toMatchObject({
      reviewId: '12',
      version: '3.3.0',
      tier: 'medium',
      status: 'open',
      checks: {
        total: 12,
        passed: 0,
        failed: 0,
        pending: 12,
        notApplicable: 0,
      },
      approvals: {
        count: 0,
        required: 1,
        approvers: [],
        missingSecurityApproval: false,
      },
      stale: false,
      expired: false,
    });
    expect(summary.approvedAt).toBeUndefined();
    expect(summary.blockingReasons).toEqual([
      'Check owner-exists (Owner exists in the catalog) has not been evaluated yet.',
      'Check lifecycle-not-experimental (Lifecycle is not experimental) has not been evaluated yet.',
      'Check evaluation-metrics (Evaluation metrics recorded for this version) has not been evaluated yet.',
      'Check model-card (Model card filled in) has not been evaluated yet.',
      'Check datasets-exist (Training datasets declared and registered) has not been evaluated yet.',
      'Check dashboard-link (Dashboard linked) has not been evaluated yet.',
      'Check runbook-link (Runbook linked) has not been evaluated yet.',
      'Check slos-defined (SLOs defined) has not been evaluated yet.',
      'Check drift-features (Features declared for drift detection) has not been evaluated yet.',
      'Check on-call-rotation (On-call rotation set up) has not been attested.',
      'Check rollback-rehearsed (Rollback rehearsed) has not been attested.',
      'Check champion-comparison (Compared with the production version) has not been attested.',
      'Has 0 of 1 required approvals.',
    ]);
  });

  it('counts failed, passed, pending and not-applicable checks and explains failures', () => {
    let review = mustApply(
      undefined,
      { type: 'open', reviewId: '12', version: '3.3.0', existingReviews: [] },
      contextFor(people.ada, { tier: 'medium' }),
    );
    const results = passingResults(review.checklist).map(r => {
      if (r.checkId === 'slos-defined') {
        return {
          ...r,
          status: 'failed' as const,
          summary: 'No SLOs in spec.slos.',
        };
      }
      if (r.checkId === 'model-card') {
        return { ...r, status: 'not-applicable' as const };
      }
      return r;
    });
    review = mustApply(
      review,
      { type: 'recordAutomaticResults', results },
      contextFor(people.ada, { tier: 'medium' }),
    );
    review = mustApply(
      review,
      {
        type: 'attest',
        checkId: 'on-call-rotation',
        evidenceUrl: 'https://pagerduty.example/schedules/fraud',
        comment: 'Fraud ML primary rotation.',
      },
      contextFor(people.ada, { tier: 'medium' }),
    );
    const summary = summarizeReview(review, T0, policy);
    expect(summary.checks).toMatchObject({
      total: 12,
      passed: 8,
      failed: 1,
      pending: 2,
      notApplicable: 1,
    });
    expect(
      summary.checks.items.find(i => i.check.id === 'on-call-rotation'),
    ).toMatchObject({
      state: 'passed',
      summary: 'Fraud ML primary rotation.',
    });
    expect(summary.blockingReasons).toEqual([
      'Check slos-defined (SLOs defined) failed: No SLOs in spec.slos.',
      'Check rollback-rehearsed (Rollback rehearsed) has not been attested.',
      'Check champion-comparison (Compared with the production version) has not been attested.',
      'Has 0 of 1 required approvals.',
    ]);
  });

  it('shows approvals x of y and the missing security approval', () => {
    let review = mustApply(
      readyReview(),
      { type: 'approve' },
      contextFor(people.grace),
    );
    let summary = summarizeReview(review, T0, policy);
    expect(summary.approvals).toEqual({
      count: 1,
      required: 2,
      approvers: ['user:default/grace'],
      securityGroup: SECURITY,
      missingSecurityApproval: true,
    });
    expect(summary.blockingReasons).toEqual([
      'Has 1 of 2 required approvals.',
      `Needs an approval from a member of ${SECURITY}.`,
    ]);

    review = mustApply(review, { type: 'approve' }, contextFor(people.alan));
    summary = summarizeReview(review, T0, policy);
    expect(summary.status).toBe('open');
    expect(summary.approvals.count).toBe(2);
    expect(summary.blockingReasons).toEqual([
      `Needs an approval from a member of ${SECURITY}.`,
    ]);
  });

  it('names who requested changes', () => {
    const review = mustApply(
      readyReview(),
      {
        type: 'requestChanges',
        comment: 'Rehearse the rollback on 3.3.0, not 3.1.0.',
      },
      contextFor(people.grace),
    );
    expect(summarizeReview(review, T0, policy).blockingReasons).toEqual([
      'user:default/grace requested changes: Rehearse the rollback on 3.3.0, not 3.1.0.',
      'Has 0 of 2 required approvals.',
      `Needs an approval from a member of ${SECURITY}.`,
    ]);
  });

  it('has no blocking reasons for an approved review and gives its expiry', () => {
    const summary = summarizeReview(
      approvedReview(),
      daysAfter(T0, 10),
      policy,
    );
    expect(summary).toMatchObject({
      status: 'approved',
      stale: false,
      expired: false,
      approvedAt: '2026-04-21T09:02:00.000Z',
      expiresAt: '2026-07-20T09:02:00.000Z',
      blockingReasons: [],
    });
    expect(summary.checks).toMatchObject({
      total: 17,
      passed: 17,
      failed: 0,
      pending: 0,
    });
  });

  it('flags an expired approval', () => {
    const summary = summarizeReview(
      approvedReview(),
      daysAfter(T0, 95),
      policy,
    );
    expect(summary.status).toBe('expired');
    expect(summary.expired).toBe(true);
    expect(summary.blockingReasons).toEqual([
      'The approval of 2026-04-21 expired on 2026-07-20.',
    ]);
  });

  it('flags a stale approval, and an expired one on top', () => {
    const stale = mustApply(
      approvedReview(),
      {
        type: 'recordAutomaticResults',
        results: [
          {
            checkId: 'slos-defined',
            status: 'failed',
            evidence: {},
            summary: '',
          },
          {
            checkId: 'runbook-link',
            status: 'failed',
            evidence: {},
            summary: '',
          },
        ],
      },
      contextFor(people.ada, { now: minutesAfter(T0, 60) }),
    );
    const soon = summarizeReview(stale, daysAfter(T0, 1), policy);
    expect(soon).toMatchObject({
      status: 'stale',
      stale: true,
      expired: false,
    });
    expect(soon.blockingReasons).toEqual([
      'Approved on 2026-04-21, but stale: check runbook-link changed from passed to failed, check slos-defined changed from passed to failed after approval.',
    ]);
    const late = summarizeReview(stale, daysAfter(T0, 95), policy);
    expect(late).toMatchObject({ status: 'stale', stale: true, expired: true });
    expect(late.blockingReasons).toHaveLength(2);
  });

  it('explains a withdrawal', () => {
    const review = mustApply(
      readyReview(),
      { type: 'withdraw', reason: 'Superseded by 3.3.1.' },
      contextFor(people.hedy, { now: daysAfter(T0, 2) }),
    );
    expect(summarizeReview(review, daysAfter(T0, 2), policy)).toMatchObject({
      status: 'withdrawn',
      blockingReasons: [
        'Withdrawn by user:default/hedy on 2026-04-23: Superseded by 3.3.1.',
      ],
    });
  });
});

describe('reviewCheckStates and approvalProgress', () => {
  it('treats an attested manual check as passed and a missing result as pending', () => {
    const review = mustApply(
      undefined,
      { type: 'open', reviewId: '1', version: '3.3.0', existingReviews: [] },
      contextFor(people.ada, { tier: 'critical' }),
    );
    expect(new Set(reviewCheckStates(review).map(s => s.state))).toEqual(
      new Set(['pending']),
    );
    expect(
      reviewCheckStates(readyReview()).every(s => s.state === 'passed'),
    ).toBe(true);
  });

  it('reports security approvers separately', () => {
    const review = approvedReview();
    expect(approvalProgress(review)).toEqual({
      approvers: ['user:default/grace', 'user:default/margaret'],
      required: 2,
      securityGroup: SECURITY,
      securityApprovers: ['user:default/margaret'],
      securitySatisfied: true,
      complete: true,
    });
  });
});
