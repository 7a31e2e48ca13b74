import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The Models page; apps mount it at `/mlops/models`. */
export const rootRouteRef = createRouteRef({ id: 'mlops' });

/**
 * The readiness reviews pages; apps mount them at `/mlops/reviews`. The
 * index lists the reviews waiting for the signed-in user.
 */
export const reviewsRouteRef = createRouteRef({ id: 'mlops-reviews' });

/** One readiness review: `/mlops/reviews/:reviewId`. */
export const reviewRouteRef = createSubRouteRef({
  id: 'mlops-review',
  parent: reviewsRouteRef,
  path: '/:reviewId',
});

/** The SLO roll-up per team; apps mount it at `/mlops/slos`. */
export const slosRouteRef = createRouteRef({ id: 'mlops-slos' });
