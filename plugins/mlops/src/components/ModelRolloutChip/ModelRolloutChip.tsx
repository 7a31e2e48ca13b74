import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { RolloutStateSummary } from '@mlops-portal/plugin-mlops-common';

const PHASE_LABELS = {
  progressing: 'Progressing',
  paused: 'Paused',
  degraded: 'Degraded',
  aborted: 'Aborted',
  healthy: 'Healthy',
} as const;

const PHASE_COLORS = {
  progressing: 'primary',
  paused: 'primary',
  degraded: 'secondary',
  aborted: 'secondary',
  healthy: 'default',
} as const;

function describe(rollout: RolloutStateSummary): string {
  const parts = [
    `${rollout.kind}: ${PHASE_LABELS[rollout.phase].toLocaleLowerCase(
      'en-US',
    )}`,
  ];
  if (rollout.canaryVersion) parts.push(`canary ${rollout.canaryVersion}`);
  if (rollout.canaryWeight !== undefined)
    parts.push(`${rollout.canaryWeight}% of traffic`);
  if (rollout.step)
    parts.push(
      `step ${Math.min(rollout.step.index + 1, rollout.step.count)} of ${
        rollout.step.count
      }`,
    );
  if (rollout.stableVersion) parts.push(`stable ${rollout.stableVersion}`);
  return parts.join(', ');
}

/** A model's rollout in one chip: phase, and the canary's share of traffic. */
export function ModelRolloutChip(props: { rollout: RolloutStateSummary }) {
  const { rollout } = props;
  const inCanary =
    rollout.canaryWeight !== undefined && rollout.phase !== 'healthy';
  const label = inCanary
    ? `${PHASE_LABELS[rollout.phase]} · ${rollout.canaryWeight}%`
    : PHASE_LABELS[rollout.phase];
  const color = PHASE_COLORS[rollout.phase];
  return (
    <Tooltip title={describe(rollout)}>
      <Chip
        size="small"
        label={label}
        color={color}
        variant={rollout.phase === 'healthy' ? 'outlined' : 'default'}
      />
    </Tooltip>
  );
}
