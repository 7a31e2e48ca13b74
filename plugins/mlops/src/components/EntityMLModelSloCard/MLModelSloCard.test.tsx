import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import {
  MLModelSlo,
  SloObservation,
  evaluateSlo,
} from '@mlops-portal/plugin-mlops-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { mlopsApiRef } from '../../api';
import { ModelSloStatusResponse } from '../../api/sloTypes';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { responseError } from '../../__testUtils__/responseErrors';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { MLModelAboutCard } from '../EntityMLModelAboutCard';
import { MLModelReadinessCard } from '../EntityMLModelReadinessCard';
import { MLModelSloCard } from './MLModelSloCard';

// recharts' ResponsiveContainer measures itself; jsdom has no ResizeObserver.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
beforeAll(() => {
  (globalThis as any).ResizeObserver ??= ResizeObserverStub;
});

const NOW = Date.UTC(2026, 10, 26, 12, 0);
const DAY = 86_400_000;

const availability: MLModelSlo = {
  name: 'availability',
  objective: 0.999,
  window: '30d',
  indicator: { ratio: { bad: 'b[{{window}}]', total: 't[{{window}}]' } },
};
const latency: MLModelSlo = {
  name: 'latency-p99',
  objective: 0.99,
  window: '30d',
  indicator: { latency: { metric: 'h', threshold: 0.25 } },
};

function observation(
  errorRatio: Record<string, number>,
  periodGood: number,
): SloObservation {
  return {
    windowCounts: Object.fromEntries(
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map(k => [
        k,
        { good: 10_000 * (1 - (errorRatio[k] ?? 0)), total: 10_000 },
      ]),
    ),
    periodCounts: { good: periodGood, total: 1_000_000 },
    buckets: Array.from({ length: 30 }, (_, i) => ({
      start: NOW - (30 - i) * DAY,
      good: 33_300,
      total: 33_333,
    })),
  };
}

function statusOf(
  ...slos: Array<[MLModelSlo, SloObservation]>
): ModelSloStatusResponse {
  const evaluated = slos.map(([slo, obs]) =>
    evaluateSlo({ slo, observation: obs, now: NOW }),
  );
  return {
    entityRef: 'mlmodel:default/fraud-detector',
    provider: 'builtin',
    source: 'entity',
    computedAt: new Date(NOW).toISOString(),
    slos: evaluated,
    errors: [],
    exhausted: evaluated.some(s => s.errorBudgetRemaining <= 0),
  };
}

async function renderSloCard(
  entity = fraudDetector({ spec: { slos: [availability, latency] } }),
  api = mockMLOpsApi(),
) {
  await renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <MLModelSloCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

describe('MLModelSloCard', () => {
  it('shows the SLI against the objective, budget, burn rates with thresholds, state and sentence', async () => {
    const api = mockMLOpsApi({
      getModelSlos: async () =>
        statusOf(
          // 0.75% errors in the last hour: 7.5× a 0.1% budget, half of which is left.
          [availability, observation({ '5m': 0.0075, '1h': 0.0075 }, 999_500)],
          [latency, observation({}, 990_000)],
        ),
    });
    await renderSloCard(undefined, api);
    expect(api.getModelSlos).toHaveBeenCalledWith(
      'mlmodel:default/fraud-detector',
    );

    expect(await screen.findByText('SLI 99.95%')).toBeInTheDocument();
    expect(
      screen.getByText(/objective 99.9% over 30 days/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-summary')).toHaveTextContent(
      'Burning 7.5× faster than the SLO allows over the last hour: at this rate the budget is gone in 2 days. 50% of the budget is left.',
    );
    expect(
      screen.getByRole('meter', { name: 'Error budget remaining' }),
    ).toHaveAttribute('aria-valuetext', '50%');
    const rows = screen.getAllByTestId('burn-rate-row');
    expect(rows.map(r => r.textContent)).toEqual([
      'Page1h: 7.5×5m: 7.5×14×OK',
      'Page6h: 0×30m: 0×6.0×OK',
      'Ticket1d: 0×2h: 0×3.0×OK',
      'Ticket3d: 0×6h: 0×1.0×OK',
    ]);
    expect(
      within(screen.getByRole('tablist', { name: 'SLOs' }))
        .getAllByTestId('slo-state')
        .map(c => c.textContent),
    ).toEqual(['Increasing', 'Critical']);
    expect(screen.getByTestId('slo-sli-chart')).toBeInTheDocument();
    expect(screen.getByTestId('slo-budget-chart')).toBeInTheDocument();

    // The second SLO spent its budget to the last event: exhausted, not overspent.
    fireEvent.click(screen.getByRole('tab', { name: /latency-p99/ }));
    expect(screen.getByTestId('slo-summary')).toHaveTextContent(
      'The error budget is exhausted: 100% of it was spent in the last 30 days.',
    );
    expect(
      screen.getByText('0% of the error budget remaining'),
    ).toBeInTheDocument();
  });

  it('shows an overspent budget below zero', async () => {
    const api = mockMLOpsApi({
      getModelSlos: async () =>
        statusOf([availability, observation({}, 998_500)]),
    });
    await renderSloCard(fraudDetector({ spec: { slos: [availability] } }), api);
    expect(
      await screen.findByText(
        /Budget overspent: −50% remaining \(50% of a budget too much\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('meter', { name: 'Error budget remaining' }),
    ).toHaveAttribute('aria-valuetext', '−50%');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });

  it('says what to add when the model has no SLOs', async () => {
    const api = await renderSloCard(fraudDetector());
    expect(await screen.findByText('No SLOs')).toBeInTheDocument();
    // The YAML to add, in a code snippet.
    expect(document.body).toHaveTextContent(/objective: 0\.999/);
    expect(document.body).toHaveTextContent(
      /mlops-portal\.io\/openslo-file: openslo\.yaml/,
    );
    expect(api.getModelSlos).not.toHaveBeenCalled();
  });

  it('names SLOs that could not be evaluated, and shows backend errors', async () => {
    const api = mockMLOpsApi({
      getModelSlos: async () => ({
        ...statusOf(),
        errors: [{ slo: 'latency-p99', message: 'Prometheus answered 503' }],
      }),
    });
    await renderSloCard(undefined, api);
    expect(
      await screen.findByText(/An SLO could not be evaluated/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/latency-p99: Prometheus answered 503/),
    ).toBeInTheDocument();

    const failing = mockMLOpsApi({
      getModelSlos: async () => {
        throw await responseError(500, 'Error', 'database is down');
      },
    });
    await renderSloCard(undefined, failing);
    expect(
      (await screen.findAllByText(/database is down/)).length,
    ).toBeGreaterThan(0);
  });

  describe('when the SLO data cannot be had', () => {
    const PROMETHEUS_DOWN =
      'No SLO of mlmodel:default/fraud-detector could be evaluated: SLO availability: Prometheus at http://prometheus:9090 did not answer: fetch failed (ECONNREFUSED) (query: sum(rate(b[2592000s])))';

    it('shows the 502 reason in the SLO card while the other cards of the page keep working', async () => {
      const api = mockMLOpsApi({
        getModelSlos: async () => {
          throw await responseError(
            502,
            'SloProviderFailedError',
            PROMETHEUS_DOWN,
          );
        },
      });
      const entity = fraudDetector({ spec: { slos: [availability] } });
      await renderInTestApp(
        <TestApiProvider
          apis={[
            [mlopsApiRef, api],
            [permissionApiRef, mockApis.permission()],
          ]}
        >
          <FreshPermissionCache>
            <EntityProvider entity={entity}>
              <Grid container>
                <Grid item data-testid="about">
                  <MLModelAboutCard />
                </Grid>
                <Grid item data-testid="slo">
                  <MLModelSloCard />
                </Grid>
                <Grid item data-testid="readiness">
                  <MLModelReadinessCard />
                </Grid>
              </Grid>
            </EntityProvider>
          </FreshPermissionCache>
        </TestApiProvider>,
        {
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        },
      );
      const slo = screen.getByTestId('slo');
      expect(
        await within(slo).findByText(
          /^Error: The SLO provider did not give the SLOs’ data$/,
        ),
      ).toBeInTheDocument();
      expect(
        within(slo).getAllByText(
          /Prometheus at http:\/\/prometheus:9090 did not answer: fetch failed \(ECONNREFUSED\)/,
        ).length,
      ).toBeGreaterThan(0);
      // The failure stays in its card.
      expect(
        await within(screen.getByTestId('readiness')).findByTestId(
          'readiness-empty',
        ),
      ).toBeInTheDocument();
      expect(
        within(screen.getByTestId('about')).getByText('About this model'),
      ).toBeInTheDocument();
      expect(
        within(screen.getByTestId('about')).queryByText(/did not answer/),
      ).not.toBeInTheDocument();
    });

    it('names the SLO and the query Prometheus refused, and still shows the SLOs that work', async () => {
      const refused =
        'SLO latency-p99: Prometheus answered 400 (bad_data: 1:34: parse error: unclosed left parenthesis) to the query: sum(rate(h_bucket[3600s])';
      const api = mockMLOpsApi({
        getModelSlos: async () => ({
          ...statusOf([availability, observation({}, 999_900)]),
          errors: [{ slo: 'latency-p99', failure: 'query', message: refused }],
        }),
      });
      await renderSloCard(undefined, api);
      const panel = await screen.findByTestId('slo-errors');
      expect(
        within(panel).getByText('Warning: An SLO could not be evaluated'),
      ).toBeInTheDocument();
      // Named once, not "latency-p99: SLO latency-p99: …".
      expect(within(panel).getByText(refused)).toBeInTheDocument();
      expect(screen.getByTestId('slo-summary')).toBeInTheDocument();
      expect(screen.getByText('SLI 99.99%')).toBeInTheDocument();
      expect(screen.queryByTestId('slo-no-data')).not.toBeInTheDocument();
    });

    it('says which SLO has no data and what to check, apart from failures', async () => {
      const empty =
        'SLO latency-p99: the query returned no series: sum(rate(h_count[2592000s]))';
      const api = mockMLOpsApi({
        getModelSlos: async () => ({
          ...statusOf([availability, observation({}, 999_900)]),
          errors: [{ slo: 'latency-p99', failure: 'no-data', message: empty }],
        }),
      });
      await renderSloCard(undefined, api);
      const panel = await screen.findByTestId('slo-no-data');
      expect(
        within(panel).getByText('Info: No data for latency-p99'),
      ).toBeInTheDocument();
      expect(panel).toHaveTextContent(empty);
      expect(panel).toHaveTextContent(
        /Check the metric names and labels of the query/,
      );
      expect(screen.queryByTestId('slo-errors')).not.toBeInTheDocument();
      expect(screen.getByText('SLI 99.99%')).toBeInTheDocument();
    });

    it('says that the definitions are invalid, with the validation message', async () => {
      const invalid =
        'The OpenSLO file https://git.example.com/slo.yaml: document 1 (SLO availability): spec.objectives[0].target must be strictly between 0 and 1 (got 1.5)';
      const api = mockMLOpsApi({
        getModelSlos: async () => ({
          ...statusOf(),
          source: 'none' as const,
          errors: [{ failure: 'definition', message: invalid }],
        }),
      });
      await renderSloCard(undefined, api);
      const panel = await screen.findByTestId('slo-errors');
      expect(
        within(panel).getByText('Error: The SLO definitions are invalid'),
      ).toBeInTheDocument();
      expect(within(panel).getByText(invalid)).toBeInTheDocument();
    });
  });
});
