import { Entity } from '@backstage/catalog-model';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { CatalogApi } from '@backstage/catalog-client';
import { RenderResult } from '@testing-library/react';
import { ReactElement } from 'react';

/** Renders an entity card for `entity`, with the catalog API mocked. */
export async function renderCard(
  card: ReactElement,
  entity: Entity,
  options: { catalogApi?: Partial<CatalogApi> } = {},
): Promise<RenderResult & { catalogApi: CatalogApi }> {
  const catalogApi = catalogApiMock.mock(options.catalogApi);
  const result = await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { ...result, catalogApi };
}
