import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ModelSloSummary } from '../../api/sloTypes';
import { formatPercent } from '../EntityMLModelSloCard/sloPresentation';
import { SloStateChip } from '../SloStateChip';

const useStyles = makeStyles(theme => ({
  // Chip above the budget, like the readiness column's chip above its
  // version: the Models table has eleven columns to fit.
  cell: {
    display: 'inline-flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.25),
    whiteSpace: 'nowrap',
  },
}));

/** The tooltip: one line per SLO with its sentence. */
export function sloSummaryTitle(summary: ModelSloSummary): string {
  if (summary.status === 'pending') return 'Not computed yet.';
  const lines = summary.slos.map(s => `${s.name} (${s.state}): ${s.summary}`);
  if (summary.errorCount > 0) {
    lines.push(
      `${summary.errorCount} SLO problem${
        summary.errorCount === 1 ? '' : 's'
      }; see the model page.`,
    );
  }
  return lines.join('\n') || 'No SLOs.';
}

/** A model's worst SLO state and smallest budget left, for tables. */
export function ModelSloChip(props: { summary?: ModelSloSummary }) {
  const classes = useStyles();
  const { summary } = props;
  if (!summary) return null;
  if (summary.status === 'pending' || !summary.worstState) {
    let label = '—';
    if (summary.status === 'computed')
      label = summary.errorCount > 0 ? 'unavailable' : 'None';
    return (
      <Tooltip title={sloSummaryTitle(summary)}>
        <Typography variant="body2" color="textSecondary" component="span">
          {label}
        </Typography>
      </Tooltip>
    );
  }
  return (
    <Tooltip
      title={
        <span style={{ whiteSpace: 'pre-line' }}>
          {sloSummaryTitle(summary)}
        </span>
      }
    >
      <span className={classes.cell} data-testid="model-slo-chip">
        <SloStateChip state={summary.worstState} />
        {summary.minBudgetRemaining !== undefined && (
          <Typography
            variant="caption"
            color={summary.minBudgetRemaining <= 0 ? 'error' : 'textSecondary'}
            component="span"
          >
            {formatPercent(summary.minBudgetRemaining, 0)} left
          </Typography>
        )}
      </span>
    </Tooltip>
  );
}
