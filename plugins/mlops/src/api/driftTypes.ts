/*
 * The drift API's JSON (`/api/mlops/drift/...`). Statistics that are not
 * finite arrive as null: +Infinity for a chi-square with a category new in
 * the window (`insufficientData` false), NaN when a side had no value
 * (`insufficientData` true).
 */

/** @public */
export type DriftTestName =
  | 'ks'
  | 'chisquare'
  | 'z'
  | 'wasserstein'
  | 'jensenshannon'
  | 'psi';

/** The bins a verdict was computed on. @public */
export type DriftFeatureBins =
  | {
      kind: 'numerical';
      /** Interior cut points frozen from the reference; the outer bins are open. */
      cutPoints: number[];
      referenceCounts: number[];
      currentCounts: number[];
    }
  | {
      kind: 'categorical';
      categories: string[];
      referenceCounts: number[];
      currentCounts: number[];
    };

/** The verdict on one feature with the numbers behind it. @public */
export interface FeatureDriftView {
  test: DriftTestName;
  statistic: number | null;
  pValue?: number;
  threshold: number;
  drifted: boolean;
  referenceSize: number;
  currentSize: number;
  dropped: {
    reference: { missing: number; infinite: number };
    current: { missing: number; infinite: number };
  };
  lowSample: boolean;
  insufficientData: boolean;
  constant: boolean;
  newCategories: string[];
  binned: boolean;
  method?: 'exact' | 'asymptotic';
  degreesOfFreedom?: number;
  bins: DriftFeatureBins;
}

/** @public */
export interface DatasetDriftView {
  drifted: boolean;
  shareOfDriftedFeatures: number;
  driftShare: number;
  numberOfFeatures: number;
  numberOfDriftedFeatures: number;
  numberOfFeaturesWithoutVerdict: number;
  features: Record<string, FeatureDriftView>;
}

/** @public */
export interface DriftWindowView {
  id: string;
  modelRef: string;
  version: string;
  /** ISO 8601. */
  windowStart?: string;
  windowEnd: string;
  source: 'raw' | 'profile';
  rowCount: number;
  result: DatasetDriftView;
  createdBy: string;
  createdAt: string;
}

/** @public */
export interface DriftReferenceView {
  modelRef: string;
  version: string;
  source: 'raw' | 'profile';
  rowCount: number;
  features: Array<{ name: string; type: 'numerical' | 'categorical' }>;
  createdBy: string;
  createdAt: string;
}

/** `GET /drift/:namespace/:name/versions/:version/report`. @public */
export interface DriftReportResponse {
  modelRef: string;
  version: string;
  reference: DriftReferenceView;
  window?: DriftWindowView;
}

/** One point of a trend. @public */
export interface DriftWindowSummaryView {
  id: string;
  windowStart?: string;
  windowEnd: string;
  rowCount: number;
  drifted: boolean;
  shareOfDriftedFeatures: number;
  driftShare: number;
  numberOfDriftedFeatures: number;
  numberOfFeatures: number;
}

/** `GET /drift/:namespace/:name/versions/:version/trend`. @public */
export interface DriftTrendResponse {
  modelRef: string;
  version: string;
  windows: DriftWindowSummaryView[];
}

/** `GET /drift/:namespace/:name`. @public */
export interface ModelDriftResponse {
  modelRef: string;
  productionVersion?: string;
  /** Versions with a reference, newest reference first. */
  versions: Array<{ version: string; createdAt: string; windows: number }>;
  report?: DriftReportResponse;
}

/** @public */
export interface ModelDriftSummary {
  version?: string;
  status: 'drifted' | 'stable' | 'no-reference' | 'no-windows' | 'unknown';
  shareOfDriftedFeatures?: number;
  numberOfDriftedFeatures?: number;
  numberOfFeatures?: number;
  windowEnd?: string;
}

/** `POST /drift/summary`: keyed by the refs as asked. @public */
export interface DriftSummaryResponse {
  items: Record<string, ModelDriftSummary>;
}
