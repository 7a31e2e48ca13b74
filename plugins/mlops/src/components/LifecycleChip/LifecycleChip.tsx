import Chip from '@material-ui/core/Chip';
import { blue, green, grey, purple } from '@material-ui/core/colors';

/** @public */
export interface LifecycleChipProps {
  lifecycle?: string;
  size?: 'small' | 'medium';
}

// Outlined, so lifecycle never competes with the filled risk-tier chip.
const LIFECYCLE_COLORS: Record<string, string> = {
  experimental: purple[500],
  staging: blue[600],
  production: green[700],
  deprecated: grey[600],
};

/** A model's lifecycle stage as an outlined chip. */
export function LifecycleChip(props: LifecycleChipProps) {
  const { lifecycle, size = 'small' } = props;
  if (!lifecycle) return null;
  const color = LIFECYCLE_COLORS[lifecycle] ?? grey[600];
  return (
    <Chip
      size={size}
      variant="outlined"
      label={lifecycle}
      data-lifecycle={lifecycle}
      style={{
        borderColor: color,
        color,
        textDecoration: lifecycle === 'deprecated' ? 'line-through' : undefined,
      }}
    />
  );
}
