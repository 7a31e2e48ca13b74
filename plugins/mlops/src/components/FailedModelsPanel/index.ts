export { FailedModelsPanel } from './FailedModelsPanel';
export type { FailedModelsPanelProps } from './FailedModelsPanel';
