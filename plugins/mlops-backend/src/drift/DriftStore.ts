import {
  DriftWindowSummary,
  StoredDriftReference,
  StoredDriftWindow,
} from '@mlops-portal/plugin-mlops-common';

// The JSON bodies are shared with the frontend through mlops-common.
export type {
  DriftDataSource,
  DriftWindowSummary,
  StoredDriftReference,
  StoredDriftWindow,
} from '@mlops-portal/plugin-mlops-common';

/** Persistence of drift references and evaluated windows. */
export interface DriftStore {
  /** The reference of a version, if one was stored. */
  getReference(
    modelRef: string,
    version: string,
  ): Promise<StoredDriftReference | undefined>;
  /** Versions of a model that have a reference, with their window counts. */
  listReferences(
    modelRef: string,
  ): Promise<Array<{ version: string; createdAt: Date; windows: number }>>;
  /**
   * Stores a version's reference. Replacing one is only allowed while no
   * window was evaluated against it (its bins are frozen from then on): the
   * check and the write happen in one transaction; `false` when refused.
   */
  putReference(
    reference: StoredDriftReference,
  ): Promise<{ stored: boolean; replaced: boolean }>;
  /** Stores an evaluated window; `false` when the version has no reference any more. */
  addWindow(window: StoredDriftWindow): Promise<boolean>;
  /** The window with the latest end (then latest receipt) of a version. */
  getLatestWindow(
    modelRef: string,
    version: string,
  ): Promise<StoredDriftWindow | undefined>;
  /** The latest `limit` windows of a version, oldest first. */
  listWindowSummaries(
    modelRef: string,
    version: string,
    limit: number,
  ): Promise<DriftWindowSummary[]>;
  /** The latest window summary of each (model, version) pair asked for, in one query. */
  getLatestSummaries(
    keys: Array<{ modelRef: string; version: string }>,
  ): Promise<Map<string, DriftWindowSummary>>;
  /** Whether anything at all is stored (the demo seed only fills an empty store). */
  isEmpty(): Promise<boolean>;
}

/** Key of a (model, version) pair in {@link DriftStore.getLatestSummaries}. */
export function driftKey(modelRef: string, version: string): string {
  return `${modelRef}@${version}`;
}
