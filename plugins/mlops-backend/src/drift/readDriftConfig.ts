import { Config } from '@backstage/config';
import { DATASET_DRIFT_DEFAULT_SHARE } from '@mlops-portal/plugin-mlops-common';
import { DriftSettings } from './DriftService';
import { DEFAULT_DRIFT_LIMITS, DriftLimits } from './parseDriftUpload';

function positiveInteger(
  config: Config,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(
      `Invalid configuration: ${key} must be a positive whole number (got ${value})`,
    );
  }
  return value;
}

/** Reads `mlops.drift.*` and `mlops.demo.seedDrift`; a bad value stops the backend at start-up. */
export function readDriftConfig(
  config: Config,
): DriftSettings & { seedDemo: boolean } {
  const limits: DriftLimits = {
    maxBodyBytes: positiveInteger(
      config,
      'mlops.drift.maxBodyBytes',
      DEFAULT_DRIFT_LIMITS.maxBodyBytes,
    ),
    maxRows: positiveInteger(
      config,
      'mlops.drift.maxRows',
      DEFAULT_DRIFT_LIMITS.maxRows,
    ),
    maxCategories: positiveInteger(
      config,
      'mlops.drift.maxCategories',
      DEFAULT_DRIFT_LIMITS.maxCategories,
    ),
    maxBins: positiveInteger(
      config,
      'mlops.drift.maxBins',
      DEFAULT_DRIFT_LIMITS.maxBins,
    ),
  };
  const driftShare =
    config.getOptionalNumber('mlops.drift.driftShare') ??
    DATASET_DRIFT_DEFAULT_SHARE;
  if (!(driftShare > 0 && driftShare <= 1)) {
    throw new Error(
      `Invalid configuration: mlops.drift.driftShare must be in (0, 1] (got ${driftShare})`,
    );
  }
  return {
    limits,
    driftShare,
    seedDemo: config.getOptionalBoolean('mlops.demo.seedDrift') ?? false,
  };
}
