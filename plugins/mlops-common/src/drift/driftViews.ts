import { DatasetDriftResult } from './detectDatasetDrift';
import { DriftFeatureSpec, DriftReferenceProfile } from './profiles';

/*
 * Drift references and windows as the backend stores and serves them
 * (`/api/mlops/drift`). They live here rather than in the backend so that
 * the backend that builds them and the frontend that reads them cannot
 * drift apart. These hold `Date`s and non-finite statistics; over JSON the
 * dates are ISO 8601 strings and the non-finite statistics null.
 */

/** How data arrived: raw rows profiled by the portal, or a pre-aggregated profile. @public */
export type DriftDataSource = 'raw' | 'profile';

/** A stored reference of one model version. @public */
export interface StoredDriftReference {
  modelRef: string;
  version: string;
  source: DriftDataSource;
  rowCount: number;
  features: DriftFeatureSpec[];
  profile: DriftReferenceProfile;
  createdBy: string;
  createdAt: Date;
}

/** A window as stored, with its evaluated result. @public */
export interface StoredDriftWindow {
  id: string;
  modelRef: string;
  version: string;
  windowStart?: Date;
  windowEnd: Date;
  source: DriftDataSource;
  rowCount: number;
  result: DatasetDriftResult;
  createdBy: string;
  createdAt: Date;
}

/** The verdict of a window without the per-feature detail, for trends and summaries. @public */
export type DriftWindowSummary = Omit<StoredDriftWindow, 'result'> & {
  drifted: boolean;
  shareOfDriftedFeatures: number;
  driftShare: number;
  numberOfDriftedFeatures: number;
  numberOfFeatures: number;
};

/** The reference as the API shows it: frozen bins and counts, without raw values. @public */
export type DriftReferenceView = Omit<StoredDriftReference, 'profile'> & {
  profile: DriftReferenceProfile;
};

/** `GET /drift/:namespace/:name/versions/:version/report`: a window's verdict and the numbers behind it. @public */
export type DriftReportView = {
  modelRef: string;
  version: string;
  reference: DriftReferenceView;
  window?: Omit<StoredDriftWindow, 'result'> & { result: DatasetDriftResult };
};

/** `GET /drift/:namespace/:name/versions/:version/trend`: the latest windows, oldest first. @public */
export type DriftTrendView = {
  modelRef: string;
  version: string;
  windows: DriftWindowSummary[];
};

/**
 * `GET /drift/:namespace/:name`: the versions with a reference (newest
 * reference first) and the report of the production version, or else of
 * the version whose reference is newest.
 * @public
 */
export type ModelDriftView = {
  modelRef: string;
  productionVersion?: string;
  versions: Array<{ version: string; createdAt: Date; windows: number }>;
  report?: DriftReportView;
};

/** Drift status of one model for the Models page (`POST /drift/summary`). @public */
export type DriftSummaryItem = {
  version?: string;
  status: 'drifted' | 'stable' | 'no-reference' | 'no-windows' | 'unknown';
  shareOfDriftedFeatures?: number;
  numberOfDriftedFeatures?: number;
  numberOfFeatures?: number;
  windowEnd?: Date;
};
