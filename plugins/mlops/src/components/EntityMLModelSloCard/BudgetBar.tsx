import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatPercent } from './sloPresentation';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 10,
    borderRadius: 5,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
  },
  success: { backgroundColor: theme.palette.success.main },
  warning: { backgroundColor: theme.palette.warning.main },
  error: { backgroundColor: theme.palette.error.main },
  overspent: {
    position: 'absolute',
    inset: 0,
    background: `repeating-linear-gradient(45deg, ${theme.palette.error.main}, ${theme.palette.error.main} 6px, ${theme.palette.error.dark} 6px, ${theme.palette.error.dark} 12px)`,
  },
}));

/**
 * The error budget left, from 100% down to 0% — and below: an overspent
 * budget is drawn as a striped red bar and its negative share is printed,
 * not clamped to zero.
 */
export function BudgetBar(props: { remaining: number }) {
  const classes = useStyles();
  const { remaining } = props;
  const overspent = remaining < 0;
  let color: 'success' | 'warning' | 'error' = 'error';
  if (remaining > 0.5) color = 'success';
  else if (remaining > 0.2) color = 'warning';
  return (
    <div>
      <div
        className={classes.track}
        role="meter"
        aria-label="Error budget remaining"
        aria-valuemin={-1}
        aria-valuemax={1}
        aria-valuenow={remaining}
        aria-valuetext={formatPercent(remaining, 1)}
      >
        {overspent ? (
          <div className={classes.overspent} />
        ) : (
          <div
            className={`${classes.fill} ${classes[color]}`}
            style={{ width: `${Math.min(1, remaining) * 100}%` }}
          />
        )}
      </div>
      <Typography
        variant="caption"
        color={overspent ? 'error' : 'textSecondary'}
      >
        {overspent
          ? `Budget overspent: ${formatPercent(
              remaining,
              1,
            )} remaining (${formatPercent(-remaining, 1)} of a budget too much)`
          : `${formatPercent(remaining, 1)} of the error budget remaining`}
      </Typography>
    </div>
  );
}
