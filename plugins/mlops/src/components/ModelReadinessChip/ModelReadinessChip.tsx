import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatReviewDate } from '@mlops-portal/plugin-mlops-common';
import { ReviewOverview } from '../../api/types';
import { REVIEW_STATUS_TEXT } from '../../readiness/reviewStatusPresentation';
import { ReviewStatusChip } from '../ReviewStatusChip';

/** The label and tooltip of a model's newest review, for a table cell. */
export function readinessChipText(review: ReviewOverview | null): {
  label: string;
  title: string;
} {
  if (!review) {
    return {
      label: 'None',
      title: REVIEW_STATUS_TEXT.none.meaning,
    };
  }
  const { checks, approvals, version } = review;
  const progress = `${approvals.count} of ${approvals.required} approvals${
    approvals.missingSecurityApproval ? ' (security approval missing)' : ''
  }; ${checks.passed} of ${checks.total} checks passed${
    checks.failed ? `, ${checks.failed} failed` : ''
  }`;
  switch (review.status) {
    case 'open':
      return {
        label: `Open ${approvals.count}/${approvals.required}`,
        title: `Review of ${version} in progress: ${progress}.`,
      };
    case 'changes-requested':
      return {
        label: 'Changes requested',
        title: `Review of ${version}: ${review.blockingReasons[0] ?? progress}`,
      };
    case 'approved':
      return {
        label: 'Approved',
        title: `${version} approved${
          review.approvedAt ? ` on ${formatReviewDate(review.approvedAt)}` : ''
        }${
          review.expiresAt
            ? `, valid until ${formatReviewDate(review.expiresAt)}`
            : ''
        }.`,
      };
    default:
      return {
        label: REVIEW_STATUS_TEXT[review.status].label,
        title: `Review of ${version}: ${
          review.blockingReasons[0] ?? REVIEW_STATUS_TEXT[review.status].meaning
        }`,
      };
  }
}

/** A model's readiness in the Models table: the newest review's status and version. */
export function ModelReadinessChip(props: {
  review: ReviewOverview | null;
  /** The review page, when the app mounts it. */
  to?: string;
}) {
  const { review, to } = props;
  const text = readinessChipText(review);
  return (
    <Box display="inline-flex" flexDirection="column" alignItems="flex-start">
      <ReviewStatusChip
        status={review?.status ?? 'none'}
        label={text.label}
        title={text.title}
        to={review ? to : undefined}
      />
      {review && (
        <Typography
          variant="caption"
          color="textSecondary"
          style={{ fontFamily: 'monospace', marginTop: 2 }}
        >
          {review.version}
        </Typography>
      )}
    </Box>
  );
}
