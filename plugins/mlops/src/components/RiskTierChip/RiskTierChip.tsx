import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import {
  ML_MODEL_RISK_TIERS,
  MLModelRiskTier,
} from '@mlops-portal/plugin-mlops-common';
import { RISK_TIER_COLORS, UNKNOWN_TIER_COLOR } from './riskTierColors';

/** @public */
export interface RiskTierChipProps {
  tier?: string;
  size?: 'small' | 'medium';
}

function isTier(value: string | undefined): value is MLModelRiskTier {
  return (ML_MODEL_RISK_TIERS as readonly string[]).includes(value ?? '');
}

/** A model's risk tier as a coloured chip (low green … critical red). */
export function RiskTierChip(props: RiskTierChipProps) {
  const { tier, size = 'small' } = props;
  if (!tier) {
    return (
      <Chip
        size={size}
        variant="outlined"
        label="Not set"
        title="No spec.riskTier: policies use their defaults"
      />
    );
  }
  const known = isTier(tier);
  const label = `${tier.charAt(0).toLocaleUpperCase('en-US')}${tier.slice(1)}`;
  return (
    <Tooltip
      title={
        known
          ? `${label} risk: the tier sets review and rollout policy defaults`
          : `Unknown risk tier "${tier}"`
      }
    >
      <Chip
        size={size}
        label={label}
        data-tier={tier}
        style={{
          backgroundColor: known ? RISK_TIER_COLORS[tier] : UNKNOWN_TIER_COLOR,
          color: '#fff',
          fontWeight: 600,
        }}
      />
    </Tooltip>
  );
}
