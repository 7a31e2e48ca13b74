export { ReviewsAwaitingPage } from './ReviewsAwaitingPage';
export { ReviewsAwaitingContent } from './ReviewsAwaitingContent';
