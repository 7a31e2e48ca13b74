export { SpecHintEmptyState } from './SpecHintEmptyState';
export type { SpecHintEmptyStateProps } from './SpecHintEmptyState';
