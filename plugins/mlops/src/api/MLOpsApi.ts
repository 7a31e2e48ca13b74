import { createApiRef } from '@backstage/frontend-plugin-api';
import { FailedMLModel } from './types';

/**
 * What the ModelOps frontend asks of the backend.
 * @public
 */
export interface MLOpsApi {
  /**
   * MLModel entities the catalog could not process (for example because
   * they failed validation), each with its problems. Served by the
   * catalog's unprocessed-entities module; rejects with a `ResponseError`
   * (403 without the `catalog.entities.unprocessed.read` permission, 404
   * when the module is not installed).
   */
  getFailedModels(): Promise<FailedMLModel[]>;
}

/**
 * The {@link MLOpsApi} reference.
 * @public
 */
export const mlopsApiRef = createApiRef<MLOpsApi>().with({
  id: 'plugin.mlops.service',
  pluginId: 'mlops',
});
