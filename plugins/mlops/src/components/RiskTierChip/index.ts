export { RiskTierChip } from './RiskTierChip';
export type { RiskTierChipProps } from './RiskTierChip';
export { RISK_TIER_COLORS } from './riskTierColors';
