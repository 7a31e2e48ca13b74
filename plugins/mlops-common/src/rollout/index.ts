/*
 * Canary rollouts: Argo Rollouts and KServe objects normalised into one
 * state, the actions legal in it, and the patches each action sends.
 */
export * from './rolloutState';
export * from './normalizeRollout';
export * from './legalRolloutActions';
export * from './rolloutPatches';
export * from './rolloutSummary';
export * from './rolloutViews';
