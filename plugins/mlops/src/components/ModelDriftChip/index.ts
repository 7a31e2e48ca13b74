export { ModelDriftChip, driftChipText } from './ModelDriftChip';
