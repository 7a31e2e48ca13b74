/*
 * Production-readiness reviews of model versions: checklists scaled by risk
 * tier, automatic check evaluation, the review lifecycle as a pure reducer,
 * and the deploy gate.
 */
export * from './checklist';
export * from './defaultChecklist';
export * from './policy';
export * from './duration';
export * from './readReadinessConfig';
export * from './evaluateChecks';
export * from './review';
export * from './reviewStatus';
export * from './reviewSummary';
export * from './reviewLifecycle';
export * from './deployGate';
export * from './reviewViews';
export * from './buildReviewViews';
