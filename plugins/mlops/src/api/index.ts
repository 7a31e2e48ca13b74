export { mlopsApiRef } from './MLOpsApi';
export type { MLOpsApi } from './MLOpsApi';
export { MLOpsClient } from './MLOpsClient';
export type { FailedMLModel, FailedModelIssue } from './types';
