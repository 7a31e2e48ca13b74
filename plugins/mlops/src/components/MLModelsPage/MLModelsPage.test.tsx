import { Entity } from '@backstage/catalog-model';
import {
  CatalogApi,
  QueryEntitiesRequest,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import { identityApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { MLOpsApi, mlopsApiRef } from '../../api';
import { MODEL_TABLE_FIELDS } from '../../models/modelQuery';
import { failedRow } from '../../__testUtils__/fixtures';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import {
  approvedReview,
  openReview,
  toOverview,
} from '../../__testUtils__/reviewFixtures';
import { reviewsRouteRef } from '../../routes';
import { toFailedModels } from '../../validation/toFailedModels';
import { MLModelsPage } from './MLModelsPage';

function model(
  name: string,
  spec: Record<string, string>,
  title?: string,
): Entity {
  return {
    apiVersion: 'mlops-portal.io/v1alpha1',
    kind: 'MLModel',
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec,
  };
}

const FRAUD = model(
  'fraud-detector',
  {
    owner: 'group:default/fraud-ml',
    system: 'payments',
    type: 'classification',
    riskTier: 'critical',
    lifecycle: 'production',
    version: '2.1.0',
  },
  'Fraud detector',
);
const CHURN = model('churn-predictor', {
  owner: 'growth-ml',
  type: 'regression',
  riskTier: 'low',
  lifecycle: 'experimental',
});

function page(
  items: Entity[],
  totalItems: number,
  pageInfo: QueryEntitiesResponse['pageInfo'] = {},
) {
  return { items, totalItems, pageInfo };
}

const FACETS = {
  facets: {
    'spec.owner': [
      { value: 'group:default/fraud-ml', count: 30 },
      { value: 'growth-ml', count: 15 },
    ],
    'spec.riskTier': [
      { value: 'low', count: 20 },
      { value: 'critical', count: 5 },
      { value: 'high', count: 20 },
    ],
    'spec.lifecycle': [
      { value: 'production', count: 25 },
      { value: 'experimental', count: 20 },
    ],
    'spec.type': [
      { value: 'classification', count: 40 },
      { value: 'regression', count: 5 },
    ],
  },
};

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

async function renderPage(
  options: {
    queryEntities?: CatalogApi['queryEntities'];
    getFailedModels?: MLOpsApi['getFailedModels'];
    getReadinessSummary?: MLOpsApi['getReadinessSummary'];
    getRolloutSummary?: MLOpsApi['getRolloutSummary'];
    route?: string;
    ownershipEntityRefs?: string[];
  } = {},
) {
  const queryEntities = jest.fn(
    options.queryEntities ??
      (async () => page([FRAUD, CHURN], 45, { nextCursor: 'cursor-2' })),
  );
  const catalogApi = catalogApiMock.mock({
    queryEntities,
    getEntityFacets: jest.fn().mockResolvedValue(FACETS),
  });
  const mlopsApi = mockMLOpsApi({
    ...(options.getFailedModels
      ? { getFailedModels: options.getFailedModels }
      : {}),
    ...(options.getReadinessSummary
      ? { getReadinessSummary: options.getReadinessSummary }
      : {}),
    ...(options.getRolloutSummary
      ? { getRolloutSummary: options.getRolloutSummary }
      : {}),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [mlopsApiRef, mlopsApi],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/jane',
            ownershipEntityRefs: options.ownershipEntityRefs ?? [
              'user:default/jane',
              'group:default/fraud-ml',
            ],
          }),
        ],
      ]}
    >
      <MLModelsPage />
      <LocationProbe />
    </TestApiProvider>,
    {
      routeEntries: [options.route ?? '/mlops/models'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/mlops/reviews': reviewsRouteRef,
      },
    },
  );
  await screen.findAllByTestId('model-row').catch(() => undefined);
  return { queryEntities, catalogApi, mlopsApi };
}

const lastRequest = (fn: jest.Mock) =>
  fn.mock.calls[fn.mock.calls.length - 1][0] as QueryEntitiesRequest &
    Record<string, any>;

// The filter menus, not the column headers of the same name.
function filterMenu(label: RegExp) {
  const menu = screen
    .getAllByRole('button', { name: label })
    .find(element => element.getAttribute('aria-haspopup') === 'listbox');
  if (!menu) throw new Error(`No filter menu ${label}`);
  return menu;
}

async function choose(label: RegExp, option: RegExp) {
  fireEvent.mouseDown(filterMenu(label));
  const listbox = await screen.findByRole('listbox');
  fireEvent.click(within(listbox).getByRole('option', { name: option }));
  fireEvent.keyDown(listbox, { key: 'Escape' });
}

describe('MLModelsPage', () => {
  it('shows one page of models from the catalog with the total', async () => {
    const { queryEntities, catalogApi } = await renderPage();

    expect(queryEntities).toHaveBeenCalledTimes(1);
    expect(queryEntities.mock.calls[0][0]).toEqual({
      filter: { kind: 'MLModel' },
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: 20,
      fields: MODEL_TABLE_FIELDS,
    });
    expect(catalogApi.getEntityFacets).toHaveBeenCalledWith({
      filter: { kind: 'MLModel' },
      facets: ['spec.owner', 'spec.riskTier', 'spec.lifecycle', 'spec.type'],
    });

    expect(screen.getByTestId('models-total')).toHaveTextContent('45 models');
    expect(screen.getByTestId('models-range')).toHaveTextContent('1–2 of 45');

    const [fraud, churn] = screen.getAllByTestId('model-row');
    const f = within(fraud);
    expect(f.getByRole('link', { name: /Fraud detector/ })).toHaveAttribute(
      'href',
      '/catalog/default/mlmodel/fraud-detector',
    );
    expect(f.getByRole('link', { name: /fraud-ml/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/fraud-ml',
    );
    expect(f.getByRole('link', { name: /payments/ })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments',
    );
    expect(f.getByText('classification')).toBeInTheDocument();
    expect(f.getByText('Critical')).toBeInTheDocument();
    expect(f.getByText('production')).toBeInTheDocument();
    expect(f.getByText('2.1.0')).toBeInTheDocument();

    const c = within(churn);
    expect(
      c.getByRole('link', { name: /churn-predictor/ }),
    ).toBeInTheDocument();
    expect(c.getByRole('link', { name: /growth-ml/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/growth-ml',
    );
    expect(c.getByText('Low')).toBeInTheDocument();
  });

  it.each([
    [
      /Owner \/ team/,
      /^growth-ml/,
      'spec.owner',
      ['growth-ml'],
      'owner=growth-ml',
    ],
    [/Risk tier/, /High/, 'spec.riskTier', ['high'], 'tier=high'],
    [
      /Lifecycle/,
      /experimental/,
      'spec.lifecycle',
      ['experimental'],
      'lifecycle=experimental',
    ],
    [/Type/, /regression/, 'spec.type', ['regression'], 'type=regression'],
  ])(
    'filters by %s in the catalog query and the URL',
    async (label, option, field, value, param) => {
      const { queryEntities } = await renderPage();
      await choose(label, option);
      await waitFor(() =>
        expect(lastRequest(queryEntities).filter).toEqual({
          kind: 'MLModel',
          [field]: value,
        }),
      );
      expect(screen.getByTestId('location')).toHaveTextContent(`?${param}`);
    },
  );

  it('offers facet values with their counts', async () => {
    await renderPage();
    fireEvent.mouseDown(filterMenu(/Risk tier/));
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    // Tiers in their natural order, each with the number of models.
    expect(options.map(o => o.textContent)).toEqual([
      'Low20',
      'High20',
      'Critical5',
    ]);
  });

  it('searches after typing pauses, in the catalog', async () => {
    const { queryEntities } = await renderPage();
    const search = screen.getByRole('textbox', { name: 'Search models' });
    fireEvent.change(search, { target: { value: 'fr' } });
    fireEvent.change(search, { target: { value: 'fraud' } });
    expect(queryEntities).toHaveBeenCalledTimes(1);

    await waitFor(() =>
      expect(lastRequest(queryEntities).fullTextFilter).toEqual({
        term: 'fraud',
        fields: [
          'metadata.name',
          'metadata.title',
          'metadata.description',
          'spec.owner',
        ],
      }),
    );
    expect(
      queryEntities.mock.calls.map(([r]) => (r as any).fullTextFilter?.term),
    ).toEqual([undefined, 'fraud']);
    expect(screen.getByTestId('location')).toHaveTextContent('?q=fraud');
  });

  it('restricts to the user\'s teams with "My team\'s models"', async () => {
    const { queryEntities } = await renderPage();
    fireEvent.click(screen.getByRole('checkbox', { name: "My team's models" }));
    await waitFor(() =>
      expect(lastRequest(queryEntities).filter).toEqual({
        kind: 'MLModel',
        'relations.ownedBy': ['user:default/jane', 'group:default/fraud-ml'],
      }),
    );
    expect(screen.getByTestId('location')).toHaveTextContent('?mine=true');
  });

  it('disables "My team\'s models" for a user who owns nothing', async () => {
    await renderPage({ ownershipEntityRefs: [] });
    expect(
      screen.getByRole('checkbox', { name: "My team's models" }),
    ).toBeDisabled();
  });

  it('reads the filters from a shared URL', async () => {
    const { queryEntities } = await renderPage({
      route:
        '/mlops/models?tier=critical&tier=high&q=churn&mine=true&sort=owner&order=desc',
    });
    expect(queryEntities).toHaveBeenCalledTimes(1);
    expect(queryEntities.mock.calls[0][0]).toEqual({
      filter: {
        kind: 'MLModel',
        'spec.riskTier': ['critical', 'high'],
        'relations.ownedBy': ['user:default/jane', 'group:default/fraud-ml'],
      },
      fullTextFilter: {
        term: 'churn',
        fields: [
          'metadata.name',
          'metadata.title',
          'metadata.description',
          'spec.owner',
        ],
      },
      orderFields: { field: 'spec.owner', order: 'desc' },
      limit: 20,
      fields: MODEL_TABLE_FIELDS,
    });
    expect(screen.getByRole('textbox', { name: 'Search models' })).toHaveValue(
      'churn',
    );
    expect(screen.getByTestId('models-total')).toHaveTextContent(
      '45 models match these filters',
    );
  });

  it('sorts in the catalog when a column header is clicked', async () => {
    const { queryEntities } = await renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Owner / system' }));
    await waitFor(() =>
      expect(lastRequest(queryEntities).orderFields).toEqual({
        field: 'spec.owner',
        order: 'asc',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Owner / system' }));
    await waitFor(() =>
      expect(lastRequest(queryEntities).orderFields).toEqual({
        field: 'spec.owner',
        order: 'desc',
      }),
    );
  });

  it('follows the cursors to the next and previous pages', async () => {
    const queryEntities = jest.fn(async (request?: QueryEntitiesRequest) => {
      if (request && 'cursor' in request && request.cursor === 'cursor-2') {
        return page([CHURN], 45, {
          nextCursor: 'cursor-3',
          prevCursor: 'cursor-1',
        });
      }
      return page([FRAUD], 45, { nextCursor: 'cursor-2' });
    });
    await renderPage({ queryEntities });
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(screen.getByTestId('models-range')).toHaveTextContent(
        '21–21 of 45',
      ),
    );
    expect(queryEntities).toHaveBeenLastCalledWith({
      cursor: 'cursor-2',
      limit: 20,
      fields: MODEL_TABLE_FIELDS,
    });
    expect(
      screen.getByRole('link', { name: /churn-predictor/ }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() =>
      expect(queryEntities).toHaveBeenLastCalledWith({
        cursor: 'cursor-1',
        limit: 20,
        fields: MODEL_TABLE_FIELDS,
      }),
    );
  });

  it('explains how to register a model when there are none', async () => {
    await renderPage({ queryEntities: async () => page([], 0) });
    expect(
      await screen.findByText('No models in the catalog yet'),
    ).toBeInTheDocument();
    expect(document.body.textContent).toContain('kind: MLModel');
  });

  it('offers to clear filters when nothing matches them', async () => {
    const { queryEntities } = await renderPage({
      queryEntities: jest.fn(async () => page([], 0)),
      route: '/mlops/models?lifecycle=deprecated',
    });
    expect(
      await screen.findByText('No models match these filters.'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(lastRequest(queryEntities).filter).toEqual({ kind: 'MLModel' }),
    );
  });

  it('shows the models that failed validation above the table', async () => {
    await renderPage({
      getFailedModels: jest.fn().mockResolvedValue(
        toFailedModels({
          entities: [failedRow('fraud-v3', { owner: 'fraud-ml' })],
        }),
      ),
    });
    expect(
      await screen.findByText('Models that failed validation (1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Your team')).toBeInTheDocument();
  });

  it('hides the failed-validation panel when the endpoint is missing', async () => {
    const notFound = await ResponseError.fromResponse(
      new Response('{}', {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    await renderPage({
      getFailedModels: jest.fn().mockRejectedValue(notFound),
    });
    expect(screen.queryByText(/failed validation/)).not.toBeInTheDocument();
    expect(screen.getAllByTestId('model-row')).toHaveLength(2);
  });

  describe('readiness column', () => {
    const FRAUD_REF = 'mlmodel:default/fraud-detector';
    const CHURN_REF = 'mlmodel:default/churn-predictor';

    it("asks for the page's readiness in one request and shows each model's newest review", async () => {
      const approved = toOverview(approvedReview().review);
      const getReadinessSummary = jest.fn(async (refs: string[]) => ({
        items: refs.map(entityRef => ({
          entityRef,
          review: entityRef === FRAUD_REF ? approved : null,
        })),
      }));
      await renderPage({ getReadinessSummary });

      const [fraud, churn] = screen.getAllByTestId('model-row');
      await within(fraud).findByText('Approved');
      expect(getReadinessSummary).toHaveBeenCalledTimes(1);
      expect(getReadinessSummary).toHaveBeenCalledWith([FRAUD_REF, CHURN_REF]);

      expect(
        within(fraud).getByRole('link', { name: /Approved/ }),
      ).toHaveAttribute('href', '/mlops/reviews/review-1');
      expect(within(fraud).getByTestId('readiness-cell')).toHaveTextContent(
        'Approved2.1.0',
      );
      expect(within(churn).getByTestId('readiness-cell')).toHaveTextContent(
        'None',
      );
    });

    it('shows an open review with its approvals so far', async () => {
      const open = toOverview(openReview().review);
      await renderPage({
        getReadinessSummary: jest.fn(async (refs: string[]) => ({
          items: refs.map(entityRef => ({
            entityRef,
            review: entityRef === FRAUD_REF ? open : null,
          })),
        })),
      });
      const [fraud] = screen.getAllByTestId('model-row');
      // High tier: two approvals needed, none given yet.
      expect(await within(fraud).findByText('Open 0/2')).toBeInTheDocument();
    });

    it('makes one summary request per page, not per row or render', async () => {
      const queryEntities = jest.fn(async (request?: QueryEntitiesRequest) =>
        request && 'cursor' in request && request.cursor === 'cursor-2'
          ? page([CHURN], 45, { prevCursor: 'cursor-1' })
          : page([FRAUD, CHURN], 45, { nextCursor: 'cursor-2' }),
      );
      const { mlopsApi } = await renderPage({ queryEntities });
      await waitFor(() =>
        expect(mlopsApi.getReadinessSummary).toHaveBeenCalledTimes(1),
      );
      // The next page shows other models: one more request, for its refs only.
      fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await waitFor(() =>
        expect(screen.getByTestId('models-range')).toHaveTextContent(
          '21–21 of 45',
        ),
      );
      await waitFor(() =>
        expect(mlopsApi.getReadinessSummary).toHaveBeenCalledTimes(2),
      );
      expect(mlopsApi.getReadinessSummary.mock.calls).toEqual([
        [[FRAUD_REF, CHURN_REF]],
        [[CHURN_REF]],
      ]);
    });

    it('still lists the models when readiness cannot be loaded', async () => {
      const forbidden = await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'nope' },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ),
      );
      await renderPage({
        getReadinessSummary: jest.fn().mockRejectedValue(forbidden),
      });
      const rows = screen.getAllByTestId('model-row');
      expect(rows).toHaveLength(2);
      await waitFor(() =>
        expect(within(rows[0]).getByTestId('readiness-cell')).toHaveTextContent(
          '—',
        ),
      );
    });
  });

  describe('rollout column', () => {
    const FRAUD_REF = 'mlmodel:default/fraud-detector';
    const CHURN_REF = 'mlmodel:default/churn-predictor';

    it("asks for the page's rollouts in one request and shows each canary", async () => {
      const getRolloutSummary = jest.fn(async (refs: string[]) => ({
        items: refs.map(entityRef =>
          entityRef === FRAUD_REF
            ? {
                entityRef,
                rollout: {
                  kind: 'Rollout' as const,
                  phase: 'paused' as const,
                  canaryWeight: 10,
                  canaryVersion: '3.3.0-rc.1',
                  step: { index: 2, count: 8 },
                },
              }
            : {
                entityRef,
                rollout: null,
                error: 'Cluster demo-cluster is unreachable',
              },
        ),
      }));
      await renderPage({ getRolloutSummary });
      const [fraud, churn] = screen.getAllByTestId('model-row');
      expect(
        await within(fraud).findByText('Paused · 10%'),
      ).toBeInTheDocument();
      expect(within(churn).getByTestId('rollout-cell')).toHaveTextContent(
        'unavailable',
      );
      expect(getRolloutSummary).toHaveBeenCalledTimes(1);
      expect(getRolloutSummary).toHaveBeenCalledWith([FRAUD_REF, CHURN_REF]);
      expect(
        screen.getByRole('columnheader', { name: 'Rollout' }),
      ).toBeInTheDocument();
    });
  });
});
