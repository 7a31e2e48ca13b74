import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EffectiveReviewStatus } from '@mlops-portal/plugin-mlops-common';
import { ReviewView } from '../api/types';

/** The things a person can do on a review page. */
export type ReviewAction =
  | 'approve'
  | 'requestChanges'
  | 'reopen'
  | 'withdraw'
  | 'refresh'
  | 'attest';

/** Whether an action is available, and if not, the sentence that says why. */
export interface ActionAvailability {
  allowed: boolean;
  /** Set when `allowed` is false. */
  reason?: string;
}

/** Who is looking at the review, and what the permission policy lets them do. */
export interface ReviewViewer {
  /** User entity ref of the signed-in user. */
  userRef?: string;
  /** The user's ownership refs (the user and their groups). */
  ownershipRefs: string[];
  /** `mlops.review.signoff` on the model; undefined while it is being checked. */
  canSignOff?: boolean;
  /** `mlops.review.create` on the model; undefined while it is being checked. */
  canCreate?: boolean;
  /** The model's `spec.owner`, when the model is loaded. */
  modelOwner?: string;
}

const CHECKING = 'Checking your permissions…';

function normalize(ref: string, defaultKind: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.trim().toLocaleLowerCase('en-US');
  }
}

const allowed: ActionAvailability = { allowed: true };
const refuse = (reason: string): ActionAvailability => ({
  allowed: false,
  reason,
});

/** Why nothing can be signed off or attested on a review that is no longer in progress. */
function closedReason(
  status: EffectiveReviewStatus,
  youCannot: string,
): string | undefined {
  switch (status) {
    case 'withdrawn':
      return `This review was withdrawn, so you cannot ${youCannot}.`;
    case 'approved':
      return `This review is already approved, so you cannot ${youCannot}.`;
    case 'stale':
      return `This review is stale (a required check changed after approval), so you cannot ${youCannot}; open a new review instead.`;
    case 'expired':
      return `The approval of this review has expired, so you cannot ${youCannot}; open a new review instead.`;
    default:
      return undefined;
  }
}

/**
 * What the viewer may do on a review, mirroring the backend's rules so that
 * a button the server would refuse is disabled and says why. The server
 * stays the judge: a refusal it still sends is shown in the dialog.
 */
export function reviewActionAvailability(
  view: ReviewView,
  viewer: ReviewViewer,
): Record<ReviewAction, ActionAvailability> {
  const { status, review, summary } = view;
  const me = viewer.userRef ? normalize(viewer.userRef, 'user') : undefined;
  const isAuthor = !!me && normalize(review.author, 'user') === me;
  const myRefs = viewer.ownershipRefs.map(ref => normalize(ref, 'group'));
  const inOwningTeam = viewer.modelOwner
    ? myRefs.includes(normalize(viewer.modelOwner, 'group'))
    : // Without the model the policy's decision is all there is to go on.
      true;
  const myDecision = me
    ? review.decisions.find(d => normalize(d.reviewer, 'user') === me)
    : undefined;
  const unaddressedBy = review.decisions
    .filter(d => d.decision === 'changes-requested' && !d.addressedAt)
    .map(d => d.reviewer.replace(/^user:default\//, ''));

  const approve = (): ActionAvailability => {
    const closed = closedReason(status, 'approve it');
    if (closed) return refuse(closed);
    if (isAuthor) {
      return refuse('You opened this review, so you cannot approve it.');
    }
    if (viewer.canSignOff === undefined) return refuse(CHECKING);
    if (!viewer.canSignOff) {
      return refuse('Only readiness reviewers can approve.');
    }
    if (status === 'changes-requested') {
      return refuse(
        `Changes were requested by ${unaddressedBy.join(
          ', ',
        )}; it can be approved once the author attests new evidence or reopens it.`,
      );
    }
    if (myDecision?.decision === 'approved') {
      return refuse('You have already approved this review.');
    }
    const { failed, pending } = summary.checks;
    const unmet = summary.checks.items.filter(
      i =>
        i.check.required &&
        i.state !== 'passed' &&
        i.state !== 'not-applicable',
    ).length;
    if (unmet > 0) {
      const parts = [
        pending > 0 ? `${pending} pending` : undefined,
        failed > 0 ? `${failed} failed` : undefined,
      ].filter(Boolean);
      return refuse(
        `Every required check must pass first (${
          parts.join(', ') || `${unmet} not met`
        }).`,
      );
    }
    return allowed;
  };

  const requestChanges = (): ActionAvailability => {
    const closed = closedReason(status, 'request changes');
    if (closed) return refuse(closed);
    if (isAuthor) {
      return refuse(
        'You opened this review, so you cannot request changes on it.',
      );
    }
    if (viewer.canSignOff === undefined) return refuse(CHECKING);
    if (!viewer.canSignOff) {
      return refuse('Only readiness reviewers can request changes.');
    }
    if (
      myDecision?.decision === 'changes-requested' &&
      !myDecision.addressedAt
    ) {
      return refuse(
        'You have already requested changes; the author has not answered them yet.',
      );
    }
    return allowed;
  };

  const ownerAction = (what: string): ActionAvailability | undefined => {
    if (viewer.canCreate === undefined) return refuse(CHECKING);
    if (!viewer.canCreate || (!isAuthor && !inOwningTeam)) {
      return refuse(
        `Only the author or members of the owning team can ${what} this review.`,
      );
    }
    return undefined;
  };

  const reopen = (): ActionAvailability => {
    if (status !== 'changes-requested') {
      return refuse('Only a review with changes requested can be reopened.');
    }
    return ownerAction('reopen') ?? allowed;
  };

  const withdraw = (): ActionAvailability => {
    if (status === 'withdrawn') {
      return refuse('This review is already withdrawn.');
    }
    if (status === 'approved' || status === 'expired') {
      return refuse('An approved review cannot be withdrawn.');
    }
    return ownerAction('withdraw') ?? allowed;
  };

  const refresh = (): ActionAvailability =>
    status === 'withdrawn'
      ? refuse("A withdrawn review's checks are no longer evaluated.")
      : allowed;

  const attest = (): ActionAvailability => {
    const closed = closedReason(status, 'attest checks');
    if (closed) return refuse(closed);
    if (viewer.canCreate === undefined && viewer.canSignOff === undefined) {
      return refuse(CHECKING);
    }
    if (!(viewer.canCreate && inOwningTeam) && !viewer.canSignOff) {
      return refuse(
        'Only members of the owning team or readiness reviewers can attest checks.',
      );
    }
    return allowed;
  };

  return {
    approve: approve(),
    requestChanges: requestChanges(),
    reopen: reopen(),
    withdraw: withdraw(),
    refresh: refresh(),
    attest: attest(),
  };
}
