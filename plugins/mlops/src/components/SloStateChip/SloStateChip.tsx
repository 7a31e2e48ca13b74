import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { SloState } from '@mlops-portal/plugin-mlops-common';

/** What each state means, for tooltips and legends. */
export const SLO_STATE_MEANINGS: Record<SloState, string> = {
  Critical: 'The budget is spent, or a page-level burn-rate alert fires.',
  Increasing:
    'Burning faster than the SLO affords and not slowing down, or a ticket-level alert fires.',
  Recovering: 'A recent burn has stopped or is slowing down.',
  Acceptable: 'Burning within the budget.',
};

const useStyles = makeStyles(theme => ({
  Critical: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  Increasing: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  Recovering: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  Acceptable: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
}));

/** The state of an SLO (or the worst of a model's SLOs) as a coloured chip. */
export function SloStateChip(props: {
  state: SloState;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  return (
    <Chip
      size={props.size ?? 'small'}
      label={props.state}
      className={classes[props.state]}
      title={SLO_STATE_MEANINGS[props.state]}
      data-testid="slo-state"
    />
  );
}
