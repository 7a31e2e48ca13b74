/*
 * SLO math: SLI, error budget, burn rates, multi-window multi-burn-rate
 * alerts, the state of an SLO in words, Prometheus rules and OpenSLO input.
 */
export * from './sloMath';
export * from './sloWindow';
export * from './burnRateAlerts';
export * from './evaluateSlo';
export * from './sloQueries';
export * from './prometheusRules';
export * from './openSlo';
export * from './sloStatusViews';
