import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatReviewDate } from '@mlops-portal/plugin-mlops-common';
import useAsync from 'react-use/esm/useAsync';
import { mlopsApiRef } from '../../api';
import { ReviewOverview } from '../../api/types';
import { useReviewLink } from '../../hooks/useReviewLink';
import { ApprovalCount } from '../ReviewProgress';
import { CheckStateIcon } from '../ReviewProgress';
import { RiskTierChip } from '../RiskTierChip';

const useStyles = makeStyles(theme => ({
  table: {
    '& td, & th': {
      padding: theme.spacing(1, 1.5),
    },
  },
  version: {
    fontFamily: 'monospace',
    fontWeight: 700,
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
  checks: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
}));

const DAY_MS = 86_400_000;

function waitingFor(openedAt: string, now: number): string {
  const days = Math.floor((now - Date.parse(openedAt)) / DAY_MS);
  if (!Number.isFinite(days) || days < 1) return 'today';
  return days === 1 ? '1 day' : `${days} days`;
}

function ReviewRow(props: {
  review: ReviewOverview;
  link?: (id: string) => string;
  now: number;
}) {
  const { review, link, now } = props;
  const classes = useStyles();
  const href = link?.(review.id);
  const { checks } = review;
  return (
    <TableRow hover data-testid="awaiting-row">
      <TableCell>
        <EntityRefLink entityRef={review.modelRef} defaultKind="mlmodel" />
      </TableCell>
      <TableCell className={classes.version}>
        {href ? (
          <Link to={href} aria-label={`Review of ${review.version}`}>
            {review.version}
          </Link>
        ) : (
          review.version
        )}
      </TableCell>
      <TableCell>
        <RiskTierChip tier={review.tier} />
      </TableCell>
      <TableCell className={classes.nowrap}>
        <EntityRefLink entityRef={review.author} defaultKind="user" />
      </TableCell>
      <TableCell className={classes.nowrap}>
        {formatReviewDate(review.openedAt)}
        <Typography variant="caption" color="textSecondary" component="div">
          waiting {waitingFor(review.openedAt, now)}
        </Typography>
      </TableCell>
      <TableCell>
        <div
          className={classes.checks}
          aria-label={`${checks.passed} of ${checks.total} checks passed, ${checks.failed} failed, ${checks.pending} pending`}
        >
          <CheckStateIcon state="passed" />
          <span>
            {checks.passed}/{checks.total}
          </span>
          {checks.failed > 0 && (
            <>
              <CheckStateIcon state="failed" />
              <span>{checks.failed}</span>
            </>
          )}
          {checks.pending > 0 && (
            <>
              <CheckStateIcon state="pending" />
              <span>{checks.pending}</span>
            </>
          )}
        </div>
      </TableCell>
      <TableCell>
        <ApprovalCount approvals={review.approvals} hideLabel />
      </TableCell>
    </TableRow>
  );
}

/** Open reviews the signed-in user may sign off, longest waiting first. */
export function ReviewsAwaitingContent() {
  const classes = useStyles();
  const api = useApi(mlopsApiRef);
  const link = useReviewLink();
  const state = useAsync(() => api.getReviewsAwaitingMe(), [api]);
  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  const items = state.value?.items ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No reviews are waiting for you"
        description="Open readiness reviews appear here when you may sign them off (readiness and security reviewers) and you have not approved them yet. Reviews you opened yourself never appear: nobody approves their own work."
      />
    );
  }
  const now = Date.now();
  return (
    <Box>
      <Box mb={1}>
        <Typography variant="h6" component="h2">
          {items.length === 1
            ? '1 review waits for your sign-off'
            : `${items.length} reviews wait for your sign-off`}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Longest waiting first. Open a review to read its evidence, then
          approve or request changes.
        </Typography>
      </Box>
      <TableContainer component={Paper} variant="outlined">
        <Table
          size="small"
          aria-label="Reviews waiting for me"
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>Model</TableCell>
              <TableCell>Version</TableCell>
              <TableCell>Tier</TableCell>
              <TableCell>Author</TableCell>
              <TableCell>Opened</TableCell>
              <TableCell>Checks</TableCell>
              <TableCell>Approvals</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(review => (
              <ReviewRow
                key={review.id}
                review={review}
                link={link}
                now={now}
              />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}
