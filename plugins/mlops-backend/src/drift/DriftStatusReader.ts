import { CompoundEntityRef } from '@backstage/catalog-model';
import { canonicalEntityRef } from '../catalog/canonicalEntityRef';
import { DriftStore } from './DriftStore';

/** Whether the latest window of a model version flags dataset drift. @public */
export type DriftStatus = {
  /** The dataset verdict of the latest window: share of drifted features ≥ driftShare. */
  flagged: boolean;
  modelRef: string;
  version: string;
  windowId: string;
  windowEnd: Date;
  shareOfDriftedFeatures: number;
  driftShare: number;
  numberOfDriftedFeatures: number;
  numberOfFeatures: number;
  /** Names of the drifted features. */
  driftedFeatures: string[];
};

/**
 * Answers, for other parts of the backend (the canary gate), whether drift
 * is flagged for a model version. Reads the store directly: the caller has
 * already decided who may act on the model.
 * @public
 */
export class DriftStatusReader {
  constructor(private readonly options: { store: DriftStore }) {}

  /**
   * The status from the latest window of the version; `undefined` when the
   * version has no reference or no window yet (nothing to say either way).
   */
  async getDriftStatus(
    entityRef: string | CompoundEntityRef,
    version: string,
  ): Promise<DriftStatus | undefined> {
    const modelRef = canonicalEntityRef(entityRef, 'mlmodel');
    const window = await this.options.store.getLatestWindow(modelRef, version);
    if (!window) return undefined;
    return {
      flagged: window.result.drifted,
      modelRef,
      version,
      windowId: window.id,
      windowEnd: window.windowEnd,
      shareOfDriftedFeatures: window.result.shareOfDriftedFeatures,
      driftShare: window.result.driftShare,
      numberOfDriftedFeatures: window.result.numberOfDriftedFeatures,
      numberOfFeatures: window.result.numberOfFeatures,
      driftedFeatures: Object.entries(window.result.features)
        .filter(([, f]) => f.drifted)
        .map(([name]) => name),
    };
  }
}
