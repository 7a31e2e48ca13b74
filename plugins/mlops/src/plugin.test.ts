import {
  EntityMLModelAboutCard,
  EntityMLModelDataCard,
  EntityMLModelLineageCard,
  EntityMLModelUnresolvedRefsWarning,
  EntityMLModelVersionsCard,
  MLModelsPage,
  mlopsPlugin,
} from './plugin';
import { MLOpsClient } from './api';
import { rootRouteRef } from './routes';

describe('mlopsPlugin', () => {
  it('is the mlops plugin with its root route', () => {
    expect(mlopsPlugin.getId()).toBe('mlops');
    expect(mlopsPlugin.routes.root).toBe(rootRouteRef);
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
    ]) {
      expect(typeof extension).toBe('function');
    }
  });
});
