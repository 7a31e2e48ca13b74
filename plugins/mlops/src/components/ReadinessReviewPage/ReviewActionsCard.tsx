import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Divider from '@material-ui/core/Divider';
import { makeStyles } from '@material-ui/core/styles';
import ApproveIcon from '@material-ui/icons/Check';
import ChangesIcon from '@material-ui/icons/RateReview';
import DownloadIcon from '@material-ui/icons/GetApp';
import RefreshIcon from '@material-ui/icons/Autorenew';
import ReopenIcon from '@material-ui/icons/Replay';
import WithdrawIcon from '@material-ui/icons/Block';
import Alert from '@material-ui/lab/Alert';
import {
  ActionAvailability,
  ReviewAction,
} from '../../readiness/reviewActionAvailability';
import { GuardedButton } from './GuardedButton';

const useStyles = makeStyles(theme => ({
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
}));

export interface ReviewActionsCardProps {
  availability: Record<ReviewAction, ActionAvailability>;
  onApprove: () => void;
  onRequestChanges: () => void;
  onReopen: () => void;
  onWithdraw: () => void;
  onRefresh: () => void;
  onExport: () => void;
  refreshing: boolean;
  exporting: boolean;
  /** The outcome of the last refresh or export, or its error. */
  notice?: { severity: 'success' | 'error' | 'info'; message: string };
}

/** Sign-off and housekeeping actions; the ones the viewer may not use say why. */
export function ReviewActionsCard(props: ReviewActionsCardProps) {
  const classes = useStyles();
  const { availability, notice } = props;
  return (
    <InfoCard title="Actions">
      <div className={classes.stack}>
        <GuardedButton
          variant="contained"
          color="primary"
          startIcon={<ApproveIcon />}
          availability={availability.approve}
          onClick={props.onApprove}
        >
          Approve
        </GuardedButton>
        <GuardedButton
          variant="outlined"
          color="secondary"
          startIcon={<ChangesIcon />}
          availability={availability.requestChanges}
          onClick={props.onRequestChanges}
        >
          Request changes
        </GuardedButton>
        <Divider />
        <GuardedButton
          variant="outlined"
          startIcon={<ReopenIcon />}
          availability={availability.reopen}
          onClick={props.onReopen}
        >
          Reopen
        </GuardedButton>
        <GuardedButton
          variant="outlined"
          startIcon={<WithdrawIcon />}
          availability={availability.withdraw}
          onClick={props.onWithdraw}
        >
          Withdraw
        </GuardedButton>
        <Divider />
        <GuardedButton
          variant="outlined"
          startIcon={
            props.refreshing ? <CircularProgress size={16} /> : <RefreshIcon />
          }
          availability={availability.refresh}
          busy={props.refreshing}
          onClick={props.onRefresh}
        >
          Refresh automatic checks
        </GuardedButton>
        <Box>
          <Button
            variant="outlined"
            startIcon={
              props.exporting ? (
                <CircularProgress size={16} />
              ) : (
                <DownloadIcon />
              )
            }
            disabled={props.exporting}
            onClick={props.onExport}
          >
            Export evidence (JSON)
          </Button>
        </Box>
        {notice && (
          <Alert severity={notice.severity} role="status">
            {notice.message}
          </Alert>
        )}
      </div>
    </InfoCard>
  );
}
