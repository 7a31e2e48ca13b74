export { ReadinessReviewPage } from './ReadinessReviewPage';
export { ReadinessReviewContent } from './ReadinessReviewContent';
