import {
  detectFeatureDriftFromProfiles,
  FeatureDriftOptions,
  FeatureDriftResult,
} from './detectFeatureDrift';
import { DriftReferenceProfile, DriftWindowProfile } from './profiles';

/** Evidently's default: the dataset drifts when at least half of its features do. @public */
export const DATASET_DRIFT_DEFAULT_SHARE = 0.5;

/** Options of {@link detectDatasetDrift}. @public */
export type DatasetDriftOptions = {
  /** Share of drifted features at or above which the dataset drifts (default 0.5). */
  driftShare?: number;
  /** Per-feature overrides (test, threshold). */
  features?: Record<string, FeatureDriftOptions>;
  lowSampleSize?: number;
};

/** @public */
export type DatasetDriftResult = {
  drifted: boolean;
  /** Drifted features divided by features with a verdict (those with data on both sides). */
  shareOfDriftedFeatures: number;
  driftShare: number;
  numberOfFeatures: number;
  numberOfDriftedFeatures: number;
  /** Features with no usable value on a side; they count neither way. */
  numberOfFeaturesWithoutVerdict: number;
  features: Record<string, FeatureDriftResult>;
};

/**
 * Dataset drift: every feature of the reference compared with the window,
 * and the dataset flagged when the share of drifted features reaches
 * `driftShare`.
 * @public
 */
export function detectDatasetDrift(
  reference: DriftReferenceProfile,
  current: DriftWindowProfile,
  options: DatasetDriftOptions = {},
): DatasetDriftResult {
  const driftShare = options.driftShare ?? DATASET_DRIFT_DEFAULT_SHARE;
  const features: Record<string, FeatureDriftResult> = {};
  for (const [name, referenceProfile] of Object.entries(reference.features)) {
    const currentProfile = current.features[name];
    if (!currentProfile) {
      throw new RangeError(`the window has no data for feature "${name}"`);
    }
    features[name] = detectFeatureDriftFromProfiles(
      referenceProfile,
      currentProfile,
      {
        lowSampleSize: options.lowSampleSize,
        ...options.features?.[name],
      },
    );
  }
  const results = Object.values(features);
  const withVerdict = results.filter(r => !r.insufficientData);
  const numberOfDriftedFeatures = withVerdict.filter(r => r.drifted).length;
  const shareOfDriftedFeatures =
    withVerdict.length === 0 ? 0 : numberOfDriftedFeatures / withVerdict.length;
  return {
    drifted: withVerdict.length > 0 && shareOfDriftedFeatures >= driftShare,
    shareOfDriftedFeatures,
    driftShare,
    numberOfFeatures: results.length,
    numberOfDriftedFeatures,
    numberOfFeaturesWithoutVerdict: results.length - withVerdict.length,
    features,
  };
}
