export { ModelSloChip, sloSummaryTitle } from './ModelSloChip';
