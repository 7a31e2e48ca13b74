import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { amber, blue, green, grey, orange } from '@material-ui/core/colors';
import ApprovedIcon from '@material-ui/icons/CheckCircle';
import ChangesIcon from '@material-ui/icons/RateReview';
import ExpiredIcon from '@material-ui/icons/TimerOff';
import NoReviewIcon from '@material-ui/icons/RemoveCircleOutline';
import OpenIcon from '@material-ui/icons/HourglassEmpty';
import StaleIcon from '@material-ui/icons/Warning';
import WithdrawnIcon from '@material-ui/icons/Block';
import { cloneElement, ReactElement } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  ReadinessStatus,
  REVIEW_STATUS_TEXT,
} from '../../readiness/reviewStatusPresentation';

/** @public */
export interface ReviewStatusChipProps {
  status: ReadinessStatus;
  /** Replaces the status name, e.g. `Open · 1/2`. */
  label?: string;
  /** Replaces the status meaning as the tooltip. */
  title?: string;
  size?: 'small' | 'medium';
  /** Makes the chip a link to this app path (the review page). */
  to?: string;
}

// Outlined with an icon, so that a status never looks like a risk tier
// (filled, coloured by tier) next to it.
const LOOK: Record<ReadinessStatus, { color: string; icon: ReactElement }> = {
  open: { color: blue[700], icon: <OpenIcon /> },
  'changes-requested': { color: orange[900], icon: <ChangesIcon /> },
  approved: { color: green[800], icon: <ApprovedIcon /> },
  stale: { color: amber[900], icon: <StaleIcon /> },
  expired: { color: grey[700], icon: <ExpiredIcon /> },
  withdrawn: { color: grey[600], icon: <WithdrawnIcon /> },
  none: { color: grey[600], icon: <NoReviewIcon /> },
};

/** The status of a readiness review as an outlined chip with an icon. */
export function ReviewStatusChip(props: ReviewStatusChipProps) {
  const { status, label, title, size = 'small', to } = props;
  const look = LOOK[status] ?? LOOK.none;
  const text = REVIEW_STATUS_TEXT[status] ?? REVIEW_STATUS_TEXT.none;
  // Chip makes a clickable chip a "button"; this one navigates.
  const linkProps = to
    ? { component: RouterLink, to, clickable: true, role: 'link' }
    : {};
  return (
    <Tooltip title={title ?? text.meaning}>
      <Chip
        size={size}
        variant="outlined"
        label={label ?? text.label}
        icon={cloneElement(look.icon, { style: { color: look.color } })}
        data-status={status}
        style={{
          borderColor: look.color,
          color: look.color,
          fontWeight: 600,
          borderStyle: status === 'none' ? 'dashed' : 'solid',
        }}
        {...(linkProps as object)}
      />
    </Tooltip>
  );
}
