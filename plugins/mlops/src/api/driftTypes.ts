import type {
  DatasetDriftResult,
  DriftReportView,
  DriftSummaryItem,
  DriftTrendView,
  DriftWindowSummary,
  FeatureDriftBins,
  FeatureDriftResult,
  ModelDriftView,
  StoredDriftReference,
  StoredDriftWindow,
} from '@mlops-portal/plugin-mlops-common';
import type { Jsonified } from './Jsonified';

/*
 * The drift API's JSON (`/api/mlops/drift/...`), derived from the types the
 * backend builds it from. Statistics that are not finite arrive as null:
 * +Infinity for a chi-square with a category new in the window
 * (`insufficientData` false), NaN when a side had no value
 * (`insufficientData` true).
 */

export type { DriftTestName } from '@mlops-portal/plugin-mlops-common';

/** The bins a verdict was computed on. @public */
export type DriftFeatureBins = FeatureDriftBins;

/** The verdict on one feature with the numbers behind it. @public */
export type FeatureDriftView = Omit<FeatureDriftResult, 'statistic'> & {
  /** null when not finite (see above). */
  statistic: number | null;
};

/** @public */
export type DatasetDriftView = Omit<DatasetDriftResult, 'features'> & {
  features: Record<string, FeatureDriftView>;
};

/** @public */
export type DriftWindowView = Jsonified<Omit<StoredDriftWindow, 'result'>> & {
  result: DatasetDriftView;
};

/**
 * A version's reference. The backend also sends its frozen profile, which
 * the card does not read.
 * @public
 */
export type DriftReferenceView = Jsonified<
  Omit<StoredDriftReference, 'profile'>
>;

/** `GET /drift/:namespace/:name/versions/:version/report`. @public */
export type DriftReportResponse = Jsonified<
  Omit<DriftReportView, 'reference' | 'window'>
> & {
  reference: DriftReferenceView;
  window?: DriftWindowView;
};

/** One point of a trend. @public */
export type DriftWindowSummaryView = Jsonified<DriftWindowSummary>;

/** `GET /drift/:namespace/:name/versions/:version/trend`. @public */
export type DriftTrendResponse = Jsonified<DriftTrendView>;

/** `GET /drift/:namespace/:name`. @public */
export type ModelDriftResponse = Jsonified<Omit<ModelDriftView, 'report'>> & {
  report?: DriftReportResponse;
};

/** @public */
export type ModelDriftSummary = Jsonified<DriftSummaryItem>;

/** `POST /drift/summary`: keyed by the refs as asked. @public */
export interface DriftSummaryResponse {
  items: Record<string, ModelDriftSummary>;
}
