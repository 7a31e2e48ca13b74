export { ModelReadinessChip, readinessChipText } from './ModelReadinessChip';
