import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineOppositeContent from '@material-ui/lab/TimelineOppositeContent';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import ApproveIcon from '@material-ui/icons/Check';
import AttestIcon from '@material-ui/icons/AssignmentTurnedIn';
import ChangesIcon from '@material-ui/icons/RateReview';
import OpenIcon from '@material-ui/icons/FiberNew';
import RefreshIcon from '@material-ui/icons/Autorenew';
import ReopenIcon from '@material-ui/icons/Replay';
import WithdrawIcon from '@material-ui/icons/Block';
import { ReactElement } from 'react';
import { ReviewAuditEntry } from '../../api/types';
import { describeAuditEntry } from '../../readiness/describeAuditEntry';
import { REVIEW_STATUS_TEXT } from '../../readiness/reviewStatusPresentation';
import { isSafeHttpUrl } from '../../urls/isSafeHttpUrl';
import { formatRegisteredAt } from '../EntityMLModelVersionsCard/versionDisplay';

const useStyles = makeStyles(theme => ({
  timeline: {
    padding: theme.spacing(1, 1, 0),
    margin: 0,
  },
  time: {
    flex: '0 0 150px',
    paddingTop: theme.spacing(1.25),
  },
  content: {
    minWidth: 0,
    overflowWrap: 'anywhere',
    paddingTop: theme.spacing(1),
    paddingBottom: theme.spacing(2.5),
  },
  transition: {
    display: 'inline-block',
    marginLeft: theme.spacing(1),
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    fontSize: '0.75rem',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
  quote: {
    fontStyle: 'italic',
    margin: theme.spacing(0.5, 0, 0),
  },
}));

const ICONS: Record<string, ReactElement> = {
  'review.open': <OpenIcon fontSize="small" />,
  'review.record-automatic-results': <RefreshIcon fontSize="small" />,
  'review.attest': <AttestIcon fontSize="small" />,
  'review.approve': <ApproveIcon fontSize="small" />,
  'review.request-changes': <ChangesIcon fontSize="small" />,
  'review.reopen': <ReopenIcon fontSize="small" />,
  'review.withdraw': <WithdrawIcon fontSize="small" />,
};

const DOT_COLORS: Record<string, 'primary' | 'secondary' | 'grey'> = {
  'review.approve': 'primary',
  'review.request-changes': 'secondary',
};

function statusLabel(status: string | null) {
  if (status === null) return 'new';
  return (
    REVIEW_STATUS_TEXT[status as keyof typeof REVIEW_STATUS_TEXT]?.label ??
    status
  ).toLocaleLowerCase('en-US');
}

function Actor(props: { actor: string }) {
  const { actor } = props;
  if (actor === 'plugin:mlops') {
    return <strong>ModelOps Portal (scheduled check)</strong>;
  }
  if (/^user:/i.test(actor)) {
    return <EntityRefLink entityRef={actor} defaultKind="user" />;
  }
  return <strong>{actor}</strong>;
}

/** The review's audit trail, oldest first: who did what, when, and how the status moved. */
export function AuditTimeline(props: { entries: ReviewAuditEntry[] }) {
  const classes = useStyles();
  const { entries } = props;
  return (
    <InfoCard
      title="Timeline"
      subheader="Every change to this review, from the append-only audit log"
    >
      {entries.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Nothing recorded yet.
        </Typography>
      ) : (
        <Timeline className={classes.timeline} aria-label="Review timeline">
          {entries.map((entry, i) => {
            const description = describeAuditEntry(entry);
            return (
              <TimelineItem key={entry.sequence} data-testid="timeline-entry">
                <TimelineOppositeContent className={classes.time}>
                  <Typography variant="caption" color="textSecondary">
                    {formatRegisteredAt(entry.occurredAt)}
                  </Typography>
                </TimelineOppositeContent>
                <TimelineSeparator>
                  <TimelineDot
                    color={DOT_COLORS[entry.action] ?? 'grey'}
                    variant={DOT_COLORS[entry.action] ? 'default' : 'outlined'}
                  >
                    {ICONS[entry.action]}
                  </TimelineDot>
                  {i < entries.length - 1 && <TimelineConnector />}
                </TimelineSeparator>
                <TimelineContent className={classes.content}>
                  <Typography variant="body2" component="div">
                    <Actor actor={entry.actor} /> {description.what}
                    <span
                      className={classes.transition}
                      title="Status before → after"
                    >
                      {statusLabel(entry.before)} → {statusLabel(entry.after)}
                    </span>
                  </Typography>
                  {description.comment && (
                    <Typography variant="body2" className={classes.quote}>
                      “{description.comment}”
                    </Typography>
                  )}
                  {description.evidenceUrl && (
                    <Typography variant="body2">
                      Evidence:{' '}
                      {isSafeHttpUrl(description.evidenceUrl) ? (
                        <Link
                          to={description.evidenceUrl}
                          target="_blank"
                          rel="noopener noreferrer"
                        >
                          {description.evidenceUrl}
                        </Link>
                      ) : (
                        description.evidenceUrl
                      )}
                    </Typography>
                  )}
                  {description.notes.map((note, n) => (
                    <Box key={n}>
                      <Typography variant="caption" color="textSecondary">
                        {note}
                      </Typography>
                    </Box>
                  ))}
                </TimelineContent>
              </TimelineItem>
            );
          })}
        </Timeline>
      )}
    </InfoCard>
  );
}
