import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { mlopsApiRef } from '../../api';
import { ModelSloSummary } from '../../api/sloTypes';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { SloRollupContent } from './SloRollupContent';

function model(name: string, owner: string) {
  return fraudDetector({ metadata: { name, title: name }, spec: { owner } });
}

function computed(
  entityRef: string,
  worstState: 'Critical' | 'Acceptable' | 'Recovering',
  budget: number,
): ModelSloSummary {
  return {
    entityRef,
    status: 'computed',
    provider: 'builtin',
    computedAt: '2026-11-26T12:00:00Z',
    worstState,
    minBudgetRemaining: budget,
    exhausted: budget <= 0,
    errorCount: 0,
    slos: [
      {
        name: 'availability',
        objective: 0.999,
        window: '30d',
        state: worstState,
        sli: 0.999,
        errorBudgetRemaining: budget,
        summary: '',
      },
    ],
  };
}

describe('SloRollupContent', () => {
  it('lists teams worst first, each with its models worst first, from one summary call', async () => {
    const models = [
      model('forecaster', 'group:default/forecasting'),
      model('ranker', 'search-ranking'),
      model('fraud-a', 'group:default/fraud-ml'),
      model('fraud-b', 'group:default/fraud-ml'),
      model('fresh', 'group:default/forecasting'),
    ];
    const getEntities = jest.fn(async () => ({ items: models }));
    const api = mockMLOpsApi({
      getSloSummary: async (refs: string[]) => ({
        items: refs.map(ref => {
          if (ref.endsWith('fraud-a')) return computed(ref, 'Acceptable', 0.8);
          if (ref.endsWith('fraud-b')) return computed(ref, 'Critical', -0.1);
          if (ref.endsWith('ranker')) return computed(ref, 'Recovering', 0.4);
          if (ref.endsWith('forecaster'))
            return computed(ref, 'Acceptable', 0.9);
          return { entityRef: ref, status: 'pending' as const };
        }),
      }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApiMock.mock({ getEntities })],
          [mlopsApiRef, api],
        ]}
      >
        <SloRollupContent />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const teams = await screen.findAllByTestId('slo-team');
    expect(api.getSloSummary).toHaveBeenCalledTimes(1);
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'MLModel' } }),
    );
    expect(teams.map(t => within(t).getByRole('heading').textContent)).toEqual([
      'fraud-ml',
      'search-ranking',
      'forecasting',
    ]);
    expect(teams[0]).toHaveTextContent(
      '1 critical · 1 acceptable · smallest budget left −10%',
    );
    const fraudRows = within(teams[0]).getAllByTestId('slo-team-model');
    expect(fraudRows.map(r => within(r).getByRole('link').textContent)).toEqual(
      ['fraud-b', 'fraud-a'],
    );
    expect(fraudRows[0]).toHaveTextContent('−10%');
    expect(
      within(teams[2]).getAllByTestId('slo-team-model')[1],
    ).toHaveTextContent('not computed yet');
  });
});
