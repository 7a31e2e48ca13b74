import { RolloutActionRecord } from '@mlops-portal/plugin-mlops-common';

// The JSON bodies are shared with the frontend through mlops-common.
export type { RolloutActionRecord } from '@mlops-portal/plugin-mlops-common';

/** The append-only record of canary actions. */
export interface RolloutActionStore {
  append(record: Omit<RolloutActionRecord, 'id'>): Promise<RolloutActionRecord>;
  /** Newest first. */
  listForModel(
    modelRef: string,
    options?: { limit?: number },
  ): Promise<RolloutActionRecord[]>;
}
