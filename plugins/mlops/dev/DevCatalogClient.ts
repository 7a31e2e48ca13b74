import {
  QueryEntitiesInitialRequest,
  QueryEntitiesRequest,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';

/**
 * The in-memory catalog of `@backstage/catalog-client/testUtils`, with one
 * fix: its `filter` handling stops at the first key whose value is a list,
 * so `{ 'spec.riskTier': ['high'], 'spec.lifecycle': 'production' }`
 * ignores the lifecycle. The real catalog ANDs the keys; here the filter is
 * rewritten to the equivalent predicate query, which the fake evaluates
 * correctly.
 */
export class DevCatalogClient extends InMemoryCatalogClient {
  async queryEntities(
    request?: QueryEntitiesRequest,
  ): Promise<QueryEntitiesResponse> {
    if (
      request &&
      !('cursor' in request) &&
      request.filter &&
      !Array.isArray(request.filter)
    ) {
      const { filter, ...rest } = request;
      return super.queryEntities({
        ...rest,
        query: {
          $all: Object.entries(filter).map(([key, value]) => ({
            [key]: Array.isArray(value)
              ? { $in: value.map(String) }
              : String(value),
          })),
        } as QueryEntitiesInitialRequest['query'],
      });
    }
    return super.queryEntities(request);
  }
}
