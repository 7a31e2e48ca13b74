import { useRouteRef } from '@backstage/core-plugin-api';
import { reviewRouteRef, reviewsRouteRef } from '../routes';

/**
 * Links to the readiness review pages, or undefined where the app has not
 * mounted them (a card then shows the review without a link instead of
 * failing). `useRouteRef` throws for an unmounted route after calling all
 * of its hooks, so catching keeps the hook order stable.
 */
export function useReviewLink(): ((reviewId: string) => string) | undefined {
  let link: ((reviewId: string) => string) | undefined;
  try {
    const route = useRouteRef(reviewRouteRef);
    link = reviewId => route({ reviewId });
  } catch {
    link = undefined;
  }
  return link;
}

/** The "Reviews waiting for me" page, when the app mounts it. */
export function useReviewsIndexLink(): string | undefined {
  try {
    return useRouteRef(reviewsRouteRef)();
  } catch {
    return undefined;
  }
}
