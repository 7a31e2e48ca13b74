import { InfoCard } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  describeStaleness,
  formatReviewDate,
} from '@mlops-portal/plugin-mlops-common';
import { ReviewView } from '../../api/types';
import { formatRegisteredAt } from '../EntityMLModelVersionsCard/versionDisplay';
import { ApprovalCount, BlockingReasons, CheckCounts } from '../ReviewProgress';
import { ReviewStatusChip } from '../ReviewStatusChip';
import { RiskTierChip } from '../RiskTierChip';

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  model: {
    fontSize: '1.25rem',
    fontWeight: 600,
    fontFamily: theme.typography.fontFamily,
  },
  version: {
    fontFamily: 'monospace',
    fontSize: '1.25rem',
    fontWeight: 700,
  },
  section: {
    marginTop: theme.spacing(2),
  },
  decisions: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/** Model, version, tier, status, progress and what blocks the review. */
export function ReviewSummaryCard(props: { view: ReviewView; model?: Entity }) {
  const classes = useStyles();
  const { view, model } = props;
  const { review, summary, status } = view;
  return (
    <InfoCard title="Review" noPadding={false}>
      <div className={classes.headline} data-testid="review-headline">
        <Typography component="h2" className={classes.model}>
          <EntityRefLink entityRef={model ?? review.modelRef} hideIcon />
        </Typography>
        <span className={classes.version}>{review.version}</span>
        <RiskTierChip tier={review.tier} />
        <ReviewStatusChip status={status} size="medium" />
      </div>
      <Box mt={1}>
        <Typography variant="body2" color="textSecondary">
          Opened by{' '}
          <EntityRefLink entityRef={review.author} defaultKind="user" /> on{' '}
          {formatRegisteredAt(review.openedAt)} · last change{' '}
          {formatRegisteredAt(review.updatedAt)} · {review.tier} tier:{' '}
          {review.approvalRequirement.count} approval
          {review.approvalRequirement.count === 1 ? '' : 's'}
          {review.approvalRequirement.securityGroup
            ? ', one from the security reviewers'
            : ''}
        </Typography>
      </Box>

      {status === 'approved' && summary.expiresAt && (
        <Box className={classes.section}>
          <Alert severity="success">
            Approved on {formatReviewDate(summary.approvedAt!)}: version{' '}
            {review.version} may be deployed until{' '}
            {formatReviewDate(summary.expiresAt)}.
          </Alert>
        </Box>
      )}
      {review.stale && (
        <Box className={classes.section}>
          <Alert severity="warning">
            Stale since {formatReviewDate(review.stale.at)}:{' '}
            {describeStaleness(review.stale.changes)}. The deploy gate is
            closed; open a new review of {review.version}.
          </Alert>
        </Box>
      )}
      {status === 'expired' && (
        <Box className={classes.section}>
          <Alert severity="warning">
            The approval expired
            {summary.expiresAt
              ? ` on ${formatReviewDate(summary.expiresAt)}`
              : ''}
            . The deploy gate is closed; open a new review of {review.version}.
          </Alert>
        </Box>
      )}
      {review.withdrawal && (
        <Box className={classes.section}>
          <Alert severity="info">
            Withdrawn by{' '}
            <EntityRefLink
              entityRef={review.withdrawal.by}
              defaultKind="user"
            />{' '}
            on {formatReviewDate(review.withdrawal.at)}
            {review.withdrawal.reason ? `: ${review.withdrawal.reason}` : '.'}
          </Alert>
        </Box>
      )}

      <Box className={classes.section}>
        <CheckCounts checks={summary.checks} />
      </Box>
      <Box mt={1}>
        <ApprovalCount approvals={summary.approvals} />
      </Box>

      {review.decisions.length > 0 && (
        <Box className={classes.section} data-testid="decisions">
          <Typography variant="subtitle2">Sign-offs</Typography>
          <ul className={classes.decisions}>
            {review.decisions.map(d => (
              <li key={d.reviewer}>
                <Typography variant="body2">
                  <EntityRefLink entityRef={d.reviewer} defaultKind="user" />{' '}
                  {d.decision === 'approved' ? 'approved' : 'requested changes'}{' '}
                  on {formatReviewDate(d.at)}
                  {d.comment ? `: “${d.comment}”` : ''}
                  {d.addressedAt
                    ? ` (answered ${formatReviewDate(d.addressedAt)})`
                    : ''}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}

      {status !== 'approved' &&
        status !== 'withdrawn' &&
        summary.blockingReasons.length > 0 && (
          <Box className={classes.section}>
            <BlockingReasons
              title="What blocks the deploy gate"
              reasons={summary.blockingReasons}
            />
          </Box>
        )}
    </InfoCard>
  );
}
