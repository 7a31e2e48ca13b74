import { EffectiveReviewStatus } from '@mlops-portal/plugin-mlops-common';

/** A review status, or `none` for a model without a review. */
export type ReadinessStatus = EffectiveReviewStatus | 'none';

/** What people read for each status, and what it means for a deployment. */
export const REVIEW_STATUS_TEXT: Record<
  ReadinessStatus,
  { label: string; meaning: string }
> = {
  open: {
    label: 'Open',
    meaning: 'In review: checks and sign-offs are being collected.',
  },
  'changes-requested': {
    label: 'Changes requested',
    meaning:
      'A reviewer asked for changes; the author attests new evidence or reopens the review.',
  },
  approved: {
    label: 'Approved',
    meaning:
      'Approved: this version may be deployed until the approval expires.',
  },
  stale: {
    label: 'Stale',
    meaning:
      'Was approved, but a required check changed afterwards: the deploy gate is closed until a new review is approved.',
  },
  expired: {
    label: 'Expired',
    meaning:
      'Was approved, but the approval ran out: the deploy gate is closed until a new review is approved.',
  },
  withdrawn: {
    label: 'Withdrawn',
    meaning: 'Withdrawn by the owning team; it decides nothing.',
  },
  none: {
    label: 'No review',
    meaning: 'No readiness review has been opened for this model.',
  },
};

/** Reviews in progress: the ones people still act on. */
export function isInProgress(status: EffectiveReviewStatus): boolean {
  return status === 'open' || status === 'changes-requested';
}

/** `open`, `changes-requested` and `approved` reviews block another review of the same version. */
export function blocksNewReview(status: EffectiveReviewStatus): boolean {
  return isInProgress(status) || status === 'approved';
}
