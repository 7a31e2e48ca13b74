import { stringifyEntityRef } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ModelSloSummary } from '../../api/sloTypes';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { ModelsTable } from '../ModelsTable';
import { sloSummaryTitle } from './ModelSloChip';

const fraud = fraudDetector();
const ranker = fraudDetector({ metadata: { name: 'ranker', title: 'Ranker' } });
const quiet = fraudDetector({ metadata: { name: 'quiet', title: 'Quiet' } });

const burning: ModelSloSummary = {
  entityRef: 'mlmodel:default/fraud-detector',
  status: 'computed',
  provider: 'builtin',
  computedAt: '2026-11-26T12:00:00Z',
  worstState: 'Critical',
  minBudgetRemaining: -0.25,
  exhausted: true,
  errorCount: 0,
  slos: [
    {
      name: 'availability',
      objective: 0.999,
      window: '30d',
      state: 'Critical',
      sli: 0.998,
      errorBudgetRemaining: -0.25,
      summary: 'The error budget is exhausted.',
    },
  ],
};

function renderTable(
  byModel?: Map<string, ModelSloSummary>,
  extra: { loading?: boolean; error?: Error } = {},
) {
  return renderInTestApp(
    <ModelsTable
      models={[fraud, ranker, quiet]}
      totalItems={3}
      pageIndex={0}
      pageSize={20}
      hasNext={false}
      hasPrevious={false}
      onNext={() => {}}
      onPrevious={() => {}}
      sort="name"
      order="asc"
      onSort={() => {}}
      loading={false}
      slo={{ byModel, loading: extra.loading ?? false, error: extra.error }}
    />,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('the SLO column of the Models table', () => {
  it('shows the worst state and the smallest budget left, below zero when overspent', async () => {
    await renderTable(
      new Map<string, ModelSloSummary>([
        [stringifyEntityRef(fraud), burning],
        [
          stringifyEntityRef(ranker),
          { entityRef: 'mlmodel:default/ranker', status: 'pending' },
        ],
        [
          stringifyEntityRef(quiet),
          {
            ...burning,
            entityRef: 'mlmodel:default/quiet',
            worstState: undefined,
            minBudgetRemaining: undefined,
            exhausted: false,
            slos: [],
          },
        ],
      ]),
    );
    expect(
      screen.getByRole('columnheader', { name: 'SLO' }),
    ).toBeInTheDocument();
    const cells = screen.getAllByTestId('slo-cell');
    expect(within(cells[0]).getByTestId('slo-state')).toHaveTextContent(
      'Critical',
    );
    expect(cells[0]).toHaveTextContent('−25% left');
    expect(cells[1]).toHaveTextContent('—');
    expect(cells[2]).toHaveTextContent('None');
  });

  it('says when the summary could not be loaded or is still loading', async () => {
    await renderTable(undefined, { error: new Error('boom') });
    expect(screen.getAllByTestId('slo-cell')[0]).toHaveTextContent('—');
  });

  it('explains every SLO in the tooltip', () => {
    expect(sloSummaryTitle(burning)).toBe(
      'availability (Critical): The error budget is exhausted.',
    );
    expect(sloSummaryTitle({ entityRef: 'x', status: 'pending' })).toBe(
      'Not computed yet.',
    );
    expect(sloSummaryTitle({ ...burning, errorCount: 2 })).toMatch(
      /2 SLO problems; see the model page\.$/,
    );
  });
});
