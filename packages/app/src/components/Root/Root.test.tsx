import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { userSettingsPlugin } from '@backstage/plugin-user-settings';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Root } from './Root';

describe('Root', () => {
  const catalogApi = catalogApiMock();

  it('links the Models page and the reviews waiting for me from the sidebar', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApi],
          [
            entityPresentationApiRef,
            DefaultEntityPresentationApi.create({ catalogApi }),
          ],
        ]}
      >
        <Root>
          <div>content</div>
        </Root>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/settings': userSettingsPlugin.routes.settingsPage,
        },
      },
    );
    expect(screen.getByRole('link', { name: 'Models' })).toHaveAttribute(
      'href',
      '/mlops/models',
    );
    expect(screen.getByRole('link', { name: 'Reviews' })).toHaveAttribute(
      'href',
      '/mlops/reviews',
    );
  });
});
