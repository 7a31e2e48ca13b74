import { blue, green, grey, orange, red } from '@material-ui/core/colors';
import { MLModelRiskTier } from '@mlops-portal/plugin-mlops-common';

/**
 * One colour per risk tier, used everywhere a tier is shown so that people
 * learn it once: low green, medium blue, high orange, critical red. Shades
 * are dark enough for white text (WCAG AA) in light and dark themes.
 */
export const RISK_TIER_COLORS: Record<MLModelRiskTier, string> = {
  low: green[800],
  medium: blue[700],
  high: orange[900],
  critical: red[800],
};

export const UNKNOWN_TIER_COLOR = grey[600];
