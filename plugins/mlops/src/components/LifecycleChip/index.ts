export { LifecycleChip } from './LifecycleChip';
export type { LifecycleChipProps } from './LifecycleChip';
