export { MLModelCanaryPanel, RolloutPhaseChip } from './MLModelCanaryPanel';
export type { MLModelCanaryPanelProps } from './MLModelCanaryPanel';
