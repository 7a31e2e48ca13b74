/*
 * Drift statistics: two-sample tests and distances with scipy 1.10's and
 * Evidently's semantics, feature profiles that raw and pre-aggregated data
 * reduce to, and the per-feature and dataset verdicts.
 */
export * from './ksTwoSample';
export * from './chiSquareTest';
export * from './zTestProportions';
export * from './wassersteinDistance';
export * from './jensenShannonDistance';
export * from './populationStabilityIndex';
export * from './profiles';
export * from './selectDriftTest';
export * from './detectFeatureDrift';
export * from './detectDatasetDrift';
export { kolmogorovSurvival } from './kolmogorovDistribution';
export * from './driftViews';
