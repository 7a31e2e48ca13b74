export { ModelRolloutChip } from './ModelRolloutChip';
