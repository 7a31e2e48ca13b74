import {
  EntityMLModelAboutCard,
  EntityMLModelDataCard,
  EntityMLModelLineageCard,
  EntityMLModelUnresolvedRefsWarning,
  EntityMLModelVersionsCard,
  EntityMLModelReadinessCard,
  MLModelsPage,
  MLOpsReviewsPage,
  EntityMLModelSloCard,
  MLOpsSlosPage,
  mlopsPlugin,
} from './plugin';
import { MLOpsClient } from './api';
import {
  reviewRouteRef,
  reviewsRouteRef,
  rootRouteRef,
  slosRouteRef,
} from './routes';

describe('mlopsPlugin', () => {
  it('is the mlops plugin with its routes', () => {
    expect(mlopsPlugin.getId()).toBe('mlops');
    expect(mlopsPlugin.routes).toEqual({
      root: rootRouteRef,
      reviews: reviewsRouteRef,
      review: reviewRouteRef,
      slos: slosRouteRef,
    });
    expect(reviewRouteRef.path).toBe('/:reviewId');
    expect(reviewRouteRef.parent).toBe(reviewsRouteRef);
  });

  it('registers an MLOpsClient for the MLOps API', () => {
    const [factory, ...rest] = [...mlopsPlugin.getApis()];
    expect(rest).toHaveLength(0);
    expect(factory.api.id).toBe('plugin.mlops.service');
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://x/api/catalog' },
      fetchApi: { fetch: jest.fn() },
    });
    expect(client).toBeInstanceOf(MLOpsClient);
  });

  it('exports the page and the entity cards as extensions', () => {
    for (const extension of [
      MLModelsPage,
      EntityMLModelAboutCard,
      EntityMLModelVersionsCard,
      EntityMLModelDataCard,
      EntityMLModelLineageCard,
      EntityMLModelUnresolvedRefsWarning,
      EntityMLModelReadinessCard,
      MLOpsReviewsPage,
      EntityMLModelSloCard,
      MLOpsSlosPage,
    ]) {
      expect(typeof extension).toBe('function');
    }
  });
});
