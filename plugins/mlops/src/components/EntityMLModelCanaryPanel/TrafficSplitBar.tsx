import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { RolloutState } from '@mlops-portal/plugin-mlops-common';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    height: theme.spacing(3),
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    border: `1px solid ${theme.palette.divider}`,
  },
  stable: {
    background: theme.palette.primary.main,
    color: theme.palette.primary.contrastText,
  },
  canary: {
    background: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  segment: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: '0.75rem',
    fontWeight: 700,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  },
  legend: {
    display: 'flex',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  mono: { fontFamily: 'monospace' },
}));

function label(revision: { modelVersion?: string; name: string }) {
  return revision.modelVersion ?? revision.name;
}

/** Stable and canary shares of traffic, side by side. */
export function TrafficSplitBar(props: { state: RolloutState }) {
  const { stable, canary } = props.state;
  const classes = useStyles();
  const stableWeight = stable?.weight ?? (canary ? 100 - canary.weight : 100);
  const canaryWeight = canary?.weight ?? 0;
  return (
    <Box>
      <div
        className={classes.bar}
        role="img"
        aria-label={`Traffic: stable ${stableWeight}%, canary ${canaryWeight}%`}
        data-testid="traffic-split"
      >
        {stableWeight > 0 && (
          <div
            className={`${classes.segment} ${classes.stable}`}
            style={{ width: `${stableWeight}%` }}
          >
            {stableWeight}%
          </div>
        )}
        {canaryWeight > 0 && (
          <div
            className={`${classes.segment} ${classes.canary}`}
            style={{ width: `${canaryWeight}%` }}
          >
            {canaryWeight}%
          </div>
        )}
      </div>
      <div className={classes.legend}>
        <Typography variant="body2">
          Stable{' '}
          <span className={classes.mono}>
            {stable ? label(stable) : 'unknown'}
          </span>
          : {stableWeight}%
        </Typography>
        {canary && (
          <Typography variant="body2">
            Canary <span className={classes.mono}>{label(canary)}</span>:{' '}
            {canaryWeight}%
          </Typography>
        )}
      </div>
    </Box>
  );
}
