import {
  ADA,
  approvedReview,
  attestAll,
  automaticResults,
  BARBARA,
  GRACE,
  openReview,
  replayReview,
  toView,
} from '../__testUtils__/reviewFixtures';
import {
  reviewActionAvailability,
  ReviewViewer,
} from './reviewActionAvailability';

const viewer = (
  actor: typeof ADA,
  rights: { canSignOff?: boolean; canCreate?: boolean },
): ReviewViewer => ({
  userRef: actor.userRef,
  ownershipRefs: actor.ownershipRefs,
  modelOwner: 'group:default/fraud-ml',
  ...rights,
});

function ready() {
  const { review } = openReview();
  return replayReview([
    ['open', ADA],
    [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
    ...attestAll(review, ADA),
  ]).review;
}

describe('reviewActionAvailability', () => {
  it('never lets the author sign off, whatever their rights', () => {
    const a = reviewActionAvailability(
      toView(ready()),
      viewer(ADA, { canSignOff: true, canCreate: true }),
    );
    expect(a.approve).toEqual({
      allowed: false,
      reason: 'You opened this review, so you cannot approve it.',
    });
    expect(a.requestChanges.allowed).toBe(false);
    expect(a.withdraw.allowed).toBe(true);
    expect(a.attest.allowed).toBe(true);
  });

  it('lets a reviewer approve a review whose required checks are met', () => {
    const a = reviewActionAvailability(
      toView(ready()),
      viewer(GRACE, { canSignOff: true, canCreate: false }),
    );
    expect(a.approve).toEqual({ allowed: true });
    expect(a.requestChanges).toEqual({ allowed: true });
    // Grace is not in fraud-ml: withdrawing is the owning team's call.
    expect(a.withdraw.allowed).toBe(false);
    // Reviewers may attest.
    expect(a.attest.allowed).toBe(true);
  });

  it('needs the sign-off permission', () => {
    const a = reviewActionAvailability(
      toView(ready()),
      viewer(GRACE, { canSignOff: false, canCreate: false }),
    );
    expect(a.approve.reason).toBe('Only readiness reviewers can approve.');
    expect(a.requestChanges.reason).toBe(
      'Only readiness reviewers can request changes.',
    );
    expect(a.attest.reason).toBe(
      'Only members of the owning team or readiness reviewers can attest checks.',
    );
  });

  it('waits for the permission decision instead of guessing', () => {
    const a = reviewActionAvailability(toView(ready()), {
      userRef: GRACE.userRef,
      ownershipRefs: GRACE.ownershipRefs,
    });
    expect(a.approve).toEqual({
      allowed: false,
      reason: 'Checking your permissions…',
    });
  });

  it('says which required checks still block an approval', () => {
    const a = reviewActionAvailability(
      toView(openReview({ failDatasets: true }).review),
      viewer(GRACE, { canSignOff: true }),
    );
    expect(a.approve.reason).toBe(
      'Every required check must pass first (6 pending, 1 failed).',
    );
  });

  it('refuses a second approval by the same reviewer', () => {
    const review = replayReview([
      ['open', ADA],
      [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
      ...attestAll(ready(), ADA),
      [{ type: 'approve' }, GRACE],
    ]).review;
    const a = reviewActionAvailability(
      toView(review),
      viewer(GRACE, { canSignOff: true }),
    );
    expect(a.approve.reason).toBe('You have already approved this review.');
    expect(
      reviewActionAvailability(
        toView(review),
        viewer(BARBARA, { canSignOff: true }),
      ).approve,
    ).toEqual({ allowed: true });
  });

  it('blocks approval while changes are requested, and offers the author a reopen', () => {
    const review = replayReview([
      ['open', ADA],
      [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
      ...attestAll(ready(), ADA),
      [{ type: 'requestChanges', comment: 'Link the drill' }, BARBARA],
    ]).review;
    expect(
      reviewActionAvailability(
        toView(review),
        viewer(GRACE, { canSignOff: true }),
      ).approve.reason,
    ).toBe(
      'Changes were requested by barbara; it can be approved once the author attests new evidence or reopens it.',
    );
    expect(
      reviewActionAvailability(
        toView(review),
        viewer(BARBARA, { canSignOff: true, canCreate: true }),
      ).requestChanges.reason,
    ).toBe(
      'You have already requested changes; the author has not answered them yet.',
    );
    expect(
      reviewActionAvailability(toView(review), viewer(ADA, { canCreate: true }))
        .reopen,
    ).toEqual({ allowed: true });
  });

  it('closes everything but refresh and export on an approved review', () => {
    const a = reviewActionAvailability(
      toView(approvedReview().review),
      viewer(GRACE, { canSignOff: true, canCreate: true }),
    );
    expect(a.approve.reason).toBe(
      'This review is already approved, so you cannot approve it.',
    );
    expect(a.attest.reason).toBe(
      'This review is already approved, so you cannot attest checks.',
    );
    expect(a.withdraw.reason).toBe('An approved review cannot be withdrawn.');
    expect(a.reopen.reason).toBe(
      'Only a review with changes requested can be reopened.',
    );
    expect(a.refresh).toEqual({ allowed: true });
  });

  it('treats a withdrawn review as closed', () => {
    const review = replayReview([
      ['open', ADA],
      [{ type: 'withdraw', reason: 'Wrong version' }, ADA],
    ]).review;
    const a = reviewActionAvailability(
      toView(review),
      viewer(ADA, { canCreate: true, canSignOff: true }),
    );
    expect(a.approve.reason).toMatch(/^This review was withdrawn/);
    expect(a.withdraw.reason).toBe('This review is already withdrawn.');
    expect(a.refresh.reason).toBe(
      "A withdrawn review's checks are no longer evaluated.",
    );
  });
});
