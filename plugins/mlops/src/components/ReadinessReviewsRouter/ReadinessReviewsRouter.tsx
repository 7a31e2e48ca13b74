import { Route, Routes, useParams } from 'react-router-dom';
import {
  ReadinessReviewContent,
  ReadinessReviewPage,
} from '../ReadinessReviewPage';
import {
  ReviewsAwaitingContent,
  ReviewsAwaitingPage,
} from '../ReviewsAwaitingPage';

/** @public */
export interface ReadinessReviewsRouterProps {
  /**
   * `page` (default) renders each page with its own header, for the legacy
   * frontend system; `content` renders only the body, for the new frontend
   * system whose page supplies the chrome.
   */
  variant?: 'page' | 'content';
}

function ReviewContentFromPath() {
  const { reviewId = '' } = useParams();
  return <ReadinessReviewContent reviewId={reviewId} />;
}

/**
 * The readiness review pages under one mount point (`/mlops/reviews`):
 * the reviews waiting for the signed-in user, and one review at
 * `/:reviewId` (the plugin's `review` sub-route).
 */
export function ReadinessReviewsRouter(props: ReadinessReviewsRouterProps) {
  const content = props.variant === 'content';
  return (
    <Routes>
      <Route
        path="/"
        element={content ? <ReviewsAwaitingContent /> : <ReviewsAwaitingPage />}
      />
      <Route
        path="/:reviewId"
        element={content ? <ReviewContentFromPath /> : <ReadinessReviewPage />}
      />
    </Routes>
  );
}
