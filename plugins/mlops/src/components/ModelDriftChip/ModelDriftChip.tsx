import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ModelDriftSummary } from '../../api/driftTypes';

/** The label and tooltip of a model's drift status, for a table cell. */
export function driftChipText(summary: ModelDriftSummary): {
  label: string;
  title: string;
} {
  const day = summary.windowEnd?.slice(0, 10);
  switch (summary.status) {
    case 'drifted':
      return {
        label: `Drift ${summary.numberOfDriftedFeatures}/${summary.numberOfFeatures}`,
        title: `${summary.version}: ${summary.numberOfDriftedFeatures} of ${summary.numberOfFeatures} features drifted in the window ending ${day}.`,
      };
    case 'stable':
      return {
        label: 'Stable',
        title: `${summary.version}: ${summary.numberOfDriftedFeatures} of ${summary.numberOfFeatures} features drifted in the window ending ${day}, below the dataset threshold.`,
      };
    case 'no-windows':
      return {
        label: 'No data',
        title: `${summary.version} has a reference but no window of production data yet.`,
      };
    case 'no-reference':
      return {
        label: 'None',
        title: 'No drift reference for the version in production.',
      };
    default:
      return { label: '—', title: 'Drift unknown for this model.' };
  }
}

/** A model's drift in the Models table. */
export function ModelDriftChip(props: { summary?: ModelDriftSummary }) {
  if (!props.summary) return null;
  const { label, title } = driftChipText(props.summary);
  const status = props.summary.status;
  return (
    <Tooltip title={title}>
      {status === 'drifted' || status === 'stable' ? (
        <Chip
          size="small"
          label={label}
          color={status === 'drifted' ? 'secondary' : 'default'}
          variant={status === 'drifted' ? 'default' : 'outlined'}
        />
      ) : (
        <Typography variant="body2" color="textSecondary" component="span">
          {label}
        </Typography>
      )}
    </Tooltip>
  );
}
