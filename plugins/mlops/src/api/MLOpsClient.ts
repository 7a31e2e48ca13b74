import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { toFailedModels } from '../validation/toFailedModels';
import { MLOpsApi } from './MLOpsApi';
import { FailedMLModel, UnprocessedEntitiesResponse } from './types';

/**
 * The default {@link MLOpsApi}: talks to the Backstage backend through the
 * app's discovery and (authenticated) fetch APIs.
 * @public
 */
export class MLOpsClient implements MLOpsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getFailedModels(): Promise<FailedMLModel[]> {
    const body = await this.request<UnprocessedEntitiesResponse>(
      'catalog',
      '/entities/unprocessed/failed',
    );
    return toFailedModels(body);
  }

  private async request<T>(
    pluginId: string,
    path: string,
    init?: RequestInit,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(pluginId);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
