import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import plugin from './alpha';
import { mlopsApiRef } from './api';
import { fraudDetector } from './__testUtils__/fixtures';
import { mockMLOpsApi } from './__testUtils__/mockMLOpsApi';

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web' },
  spec: {},
};

describe('mlops plugin (new frontend system)', () => {
  it('is the mlops plugin with the API, the page, the cards and a lineage tab', () => {
    expect(plugin.pluginId).toBe('mlops');
    expect(
      (
        plugin as unknown as { extensions: Array<{ id: string }> }
      ).extensions.map(e => e.id),
    ).toEqual([
      'api:mlops',
      'page:mlops',
      'page:mlops/reviews',
      'page:mlops/slos',
      'entity-card:mlops/about',
      'entity-card:mlops/unresolved-refs',
      'entity-card:mlops/readiness',
      'entity-card:mlops/canary',
      'entity-card:mlops/drift',
      'entity-card:mlops/slo',
      'entity-card:mlops/versions',
      'entity-card:mlops/data',
      'entity-card:mlops/lineage',
      'entity-content:mlops/lineage',
    ]);
  });

  it('mounts the Models page at /mlops/models', () => {
    const tester = createExtensionTester(plugin.getExtension('page:mlops'));
    expect(tester.get(coreExtensionData.routePath)).toBe('/mlops/models');
    expect(tester.get(coreExtensionData.title)).toBe('Models');
  });

  it('mounts the readiness review pages at /mlops/reviews', () => {
    const tester = createExtensionTester(
      plugin.getExtension('page:mlops/reviews'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/mlops/reviews');
    expect(tester.get(coreExtensionData.title)).toBe('Reviews');
  });

  it.each([
    'entity-card:mlops/about',
    'entity-card:mlops/unresolved-refs',
    'entity-card:mlops/readiness',
    'entity-card:mlops/slo',
    'entity-card:mlops/versions',
    'entity-card:mlops/data',
    'entity-card:mlops/lineage',
  ] as const)('shows %s on MLModel pages only', id => {
    const tester = createExtensionTester(plugin.getExtension(id));
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(fraudDetector())).toBe(true);
    expect(filter!(component)).toBe(false);
  });

  it('mounts the SLO roll-up at /mlops/slos', () => {
    const tester = createExtensionTester(
      plugin.getExtension('page:mlops/slos'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/mlops/slos');
    expect(tester.get(coreExtensionData.title)).toBe('SLOs');
  });

  it('provides the MLOps API', () => {
    const tester = createExtensionTester(plugin.getExtension('api:mlops'));
    expect(tester.get(ApiBlueprint.dataRefs.factory).api.id).toBe(
      'plugin.mlops.service',
    );
  });

  it('renders the Models page with its rows and URL filters', async () => {
    const queryEntities = jest.fn().mockResolvedValue({
      items: [fraudDetector()],
      totalItems: 1,
      pageInfo: {},
    });
    renderTestApp({
      extensions: [plugin.getExtension('page:mlops')],
      initialRouteEntries: ['/mlops/models?tier=high'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
      apis: [
        [
          catalogApiRef,
          catalogApiMock.mock({
            queryEntities,
            getEntityFacets: jest.fn().mockResolvedValue({ facets: {} }),
          }),
        ],
        [mlopsApiRef, mockMLOpsApi()],
        mockApis.identity(),
      ],
    });
    expect(
      // The page module loads lazily; it is large enough to need a moment.
      await screen.findByText(
        '1 model match these filters',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Fraud detector/ }),
    ).toHaveAttribute('href', '/catalog/default/mlmodel/fraud-detector');
    expect(queryEntities.mock.calls[0][0].filter).toEqual({
      kind: 'MLModel',
      'spec.riskTier': ['high'],
    });
  });

  it('renders the reviews waiting for me at /mlops/reviews', async () => {
    const mlopsApi = mockMLOpsApi();
    renderTestApp({
      extensions: [plugin.getExtension('page:mlops/reviews')],
      initialRouteEntries: ['/mlops/reviews'],
      apis: [[mlopsApiRef, mlopsApi], mockApis.identity()],
    });
    expect(
      await screen.findByText(
        'No reviews are waiting for you',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(mlopsApi.getReviewsAwaitingMe).toHaveBeenCalledTimes(1);
  });

  it('renders the About card on an MLModel entity page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: fraudDetector() }),
        plugin.getExtension('entity-card:mlops/about'),
      ],
      apis: [
        [catalogApiRef, catalogApiMock()],
        [mlopsApiRef, mockMLOpsApi()],
        mockApis.identity(),
      ],
    });
    expect(await screen.findByText('About this model')).toBeInTheDocument();
    expect(screen.getByText('xgboost')).toBeInTheDocument();
  });
});
