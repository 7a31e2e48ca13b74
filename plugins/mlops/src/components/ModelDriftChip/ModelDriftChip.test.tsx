import { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { mlopsApiRef } from '../../api';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { useDriftSummaries } from '../MLModelsPage/useDriftSummaries';
import { ModelsTable } from '../ModelsTable';

const FRAUD = fraudDetector();
const CHURN: Entity = {
  ...fraudDetector({ metadata: { name: 'churn-predictor' } }),
};

/** The Models table with its drift column fed by the page's one batched request. */
function Page(props: { models: Entity[] }) {
  const drift = useDriftSummaries(props.models);
  return (
    <ModelsTable
      models={props.models}
      totalItems={props.models.length}
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
      drift={{
        byModel: drift.value,
        loading: drift.loading,
        error: drift.error,
      }}
    />
  );
}

async function renderPage(api = mockMLOpsApi()) {
  await renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, api]]}>
      <Page models={[FRAUD, CHURN]} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('the Drift column of the Models table', () => {
  it("asks for the page's drift in one request and shows each model's status", async () => {
    const getDriftSummary = jest.fn(async () => ({
      items: {
        'mlmodel:default/fraud-detector': {
          version: '2.1.0',
          status: 'drifted' as const,
          numberOfDriftedFeatures: 9,
          numberOfFeatures: 15,
          shareOfDriftedFeatures: 0.6,
          windowEnd: '2026-11-27T00:00:00Z',
        },
        'mlmodel:default/churn-predictor': { status: 'no-reference' as const },
      },
    }));
    await renderPage(mockMLOpsApi({ getDriftSummary }));
    expect(
      screen.getByRole('columnheader', { name: 'Drift' }),
    ).toBeInTheDocument();
    const [fraud, churn] = screen.getAllByTestId('model-row');
    expect(await within(fraud).findByText('Drift 9/15')).toBeInTheDocument();
    expect(within(churn).getByTestId('drift-cell')).toHaveTextContent('None');
    expect(getDriftSummary).toHaveBeenCalledTimes(1);
    expect(getDriftSummary).toHaveBeenCalledWith([
      'mlmodel:default/fraud-detector',
      'mlmodel:default/churn-predictor',
    ]);
  });

  it('says when the drift summary could not be loaded', async () => {
    await renderPage(
      mockMLOpsApi({
        getDriftSummary: async () => {
          throw new Error('backend down');
        },
      }),
    );
    const [fraud] = screen.getAllByTestId('model-row');
    expect(await within(fraud).findByTestId('drift-cell')).toHaveTextContent(
      '—',
    );
  });
});
