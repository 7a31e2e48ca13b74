export { ReadinessReviewsRouter } from './ReadinessReviewsRouter';
export type { ReadinessReviewsRouterProps } from './ReadinessReviewsRouter';
