import { evaluateDeployGate } from './deployGate';
import { DEFAULT_READINESS_POLICY } from './policy';
import {
  T0,
  approvedReview,
  contextFor,
  daysAfter,
  minutesAfter,
  mustApply,
  people,
  readyReview,
} from './readinessTestFixtures';
import { ReadinessReview } from './review';

const policy = DEFAULT_READINESS_POLICY;
const NOW = daysAfter(T0, 7);

function gate(reviews: ReadinessReview[], version = '3.3.0', now = NOW) {
  return evaluateDeployGate({ reviews, version, now, policy });
}

function staleReview(id = '12') {
  return mustApply(
    approvedReview({ id }),
    {
      type: 'recordAutomaticResults',
      results: [
        {
          checkId: 'slos-defined',
          status: 'failed',
          evidence: {},
          summary: '',
        },
      ],
    },
    contextFor(people.ada, { now: daysAfter(T0, 3) }),
  );
}

describe('evaluateDeployGate', () => {
  it('allows a version with an approved, current review', () => {
    expect(gate([approvedReview()])).toEqual({
      allowed: true,
      reasons: [],
      reviewId: '12',
      expiresAt: '2026-07-20T09:02:00.000Z',
    });
  });

  it('blocks a version without a review', () => {
    expect(gate([])).toEqual({
      allowed: false,
      reasons: ['No readiness review for version 3.3.0'],
    });
  });

  it('does not carry an approval over to another version', () => {
    expect(gate([approvedReview({ version: '3.2.0' })], '3.3.0')).toEqual({
      allowed: false,
      reasons: [
        'No readiness review for version 3.3.0',
        'Approved reviews of 3.2.0 do not carry over: every version needs its own review',
      ],
    });
    // Versions match exactly: a release candidate is not the release.
    expect(
      gate([approvedReview({ version: '3.3.0' })], '3.3.0-rc.1').allowed,
    ).toBe(false);
  });

  it('blocks a stale approval and says which check changed', () => {
    expect(gate([staleReview()])).toEqual({
      allowed: false,
      reasons: [
        'Review 12 is approved but stale: check slos-defined changed from passed to failed after approval',
      ],
      reviewId: '12',
    });
  });

  it('blocks an expired approval and gives the expiry date', () => {
    const expiry = new Date('2026-07-20T09:02:00.000Z');
    expect(
      gate([approvedReview()], '3.3.0', new Date(expiry.getTime() - 1)).allowed,
    ).toBe(true);
    expect(gate([approvedReview()], '3.3.0', expiry)).toEqual({
      allowed: false,
      reasons: ["Review 12's approval expired on 2026-07-20"],
      reviewId: '12',
    });
  });

  it('blocks a review still in progress and lists what it waits for', () => {
    const open = mustApply(
      readyReview(),
      { type: 'approve' },
      contextFor(people.grace),
    );
    expect(gate([open])).toEqual({
      allowed: false,
      reasons: [
        'Review 12 is open, not approved',
        'Has 1 of 2 required approvals.',
        'Needs an approval from a member of group:default/security-reviewers.',
      ],
      reviewId: '12',
    });
  });

  it('blocks a review with changes requested', () => {
    const review = mustApply(
      readyReview(),
      { type: 'requestChanges', comment: 'Load test is outdated.' },
      contextFor(people.grace),
    );
    expect(gate([review]).reasons.slice(0, 2)).toEqual([
      'Review 12 is changes-requested, not approved',
      'user:default/grace requested changes: Load test is outdated.',
    ]);
  });

  it('blocks when the only review was withdrawn', () => {
    const review = mustApply(
      readyReview(),
      { type: 'withdraw' },
      contextFor(people.ada),
    );
    expect(gate([review])).toEqual({
      allowed: false,
      reasons: ['Review 12 of version 3.3.0 was withdrawn; open a new review'],
      reviewId: '12',
    });
  });

  it('allows a fresh approval after an earlier review went stale', () => {
    const later = daysAfter(T0, 4);
    const fresh = approvedReview({ id: '13', now: later });
    expect(
      gate([staleReview(), fresh], '3.3.0', daysAfter(T0, 5)),
    ).toMatchObject({
      allowed: true,
      reviewId: '13',
    });
  });

  it('reports on the newest review in progress, not on an older stale one', () => {
    const newer = readyReview({ id: '13', now: daysAfter(T0, 4) });
    expect(
      gate([staleReview(), newer], '3.3.0', daysAfter(T0, 5)).reasons[0],
    ).toBe('Review 13 is open, not approved');
  });

  it('ignores reviews of other versions', () => {
    const other = approvedReview({ id: '9', version: '3.2.0' });
    const mine = approvedReview({ id: '12', now: minutesAfter(T0, 30) });
    expect(gate([other, mine]).reviewId).toBe('12');
  });

  it('does not accept an approval given at a lower tier than the model has now', () => {
    let review = readyReview({ tier: 'high' });
    review = mustApply(
      review,
      { type: 'approve' },
      contextFor(people.grace, { tier: 'high' }),
    );
    review = mustApply(
      review,
      { type: 'approve' },
      contextFor(people.alan, { tier: 'high' }),
    );
    expect(review.status).toBe('approved');
    expect(
      evaluateDeployGate({
        reviews: [review],
        version: '3.3.0',
        now: NOW,
        policy,
        tier: 'critical',
      }),
    ).toEqual({
      allowed: false,
      reasons: [
        'Review 12 was approved for the high tier, but the model is now critical',
      ],
      reviewId: '12',
    });
    expect(
      evaluateDeployGate({
        reviews: [review],
        version: '3.3.0',
        now: NOW,
        policy,
        tier: 'high',
      }).allowed,
    ).toBe(true);
  });
});
