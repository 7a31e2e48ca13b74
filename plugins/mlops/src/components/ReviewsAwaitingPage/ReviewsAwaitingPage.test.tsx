import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { MLOpsApi, mlopsApiRef } from '../../api';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { responseError } from '../../__testUtils__/responseErrors';
import {
  ADA,
  attestAll,
  automaticResults,
  BARBARA,
  openReview,
  replayReview,
  toOverview,
} from '../../__testUtils__/reviewFixtures';
import { reviewsRouteRef } from '../../routes';
import { ReadinessReviewsRouter } from '../ReadinessReviewsRouter';

async function renderAwaiting(api: Partial<MLOpsApi>) {
  const mlopsApi = mockMLOpsApi(api);
  await renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, mlopsApi]]}>
      <Routes>
        <Route path="/mlops/reviews/*" element={<ReadinessReviewsRouter />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/mlops/reviews'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/mlops/reviews': reviewsRouteRef,
      },
    },
  );
  return mlopsApi;
}

describe('Reviews waiting for me', () => {
  it('lists the reviews I may sign off with model, version, tier, author, age, checks and approvals', async () => {
    const critical = fraudDetector({
      metadata: { name: 'card-fraud-detector', title: 'Card fraud' },
      spec: { riskTier: 'critical' },
    });
    const steps = [
      ['open', ADA],
      [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
    ] as Parameters<typeof replayReview>[0];
    const criticalOpen = replayReview(steps, { model: critical }).review;
    // The critical checklist, security threat model included, then Barbara.
    const first = replayReview(
      [
        ...steps,
        ...attestAll(criticalOpen, ADA),
        [{ type: 'approve' }, BARBARA],
      ],
      { model: critical, id: 'r-critical' },
    ).review;
    const second = openReview({ failDatasets: true }).review;
    const api = await renderAwaiting({
      getReviewsAwaitingMe: jest.fn(async () => ({
        items: [toOverview(first), toOverview(second)],
      })),
    });

    expect(
      await screen.findByText('2 reviews wait for your sign-off'),
    ).toBeInTheDocument();
    expect(api.getReviewsAwaitingMe).toHaveBeenCalledTimes(1);
    const [a, b] = screen.getAllByTestId('awaiting-row');
    const rowA = within(a);
    expect(
      rowA.getByRole('link', { name: /card-fraud-detector/ }),
    ).toHaveAttribute('href', '/catalog/default/mlmodel/card-fraud-detector');
    expect(rowA.getByRole('link', { name: 'Review of 2.1.0' })).toHaveAttribute(
      'href',
      '/mlops/reviews/r-critical',
    );
    expect(rowA.getByText('Critical')).toBeInTheDocument();
    expect(rowA.getByRole('link', { name: 'ada' })).toBeInTheDocument();
    expect(rowA.getByText('2026-04-21')).toBeInTheDocument();
    expect(a).toHaveTextContent('1 of 2');
    expect(a).toHaveTextContent('Security approval missing');
    expect(
      rowA.getByLabelText(/17 of 17 checks passed, 0 failed, 0 pending/),
    ).toBeInTheDocument();

    const rowB = within(b);
    expect(rowB.getByText('High')).toBeInTheDocument();
    expect(
      rowB.getByLabelText(/9 of 16 checks passed, 1 failed, 6 pending/),
    ).toBeInTheDocument();
    expect(b).toHaveTextContent('0 of 2');
  });

  it('says clearly when nothing is waiting', async () => {
    await renderAwaiting({
      getReviewsAwaitingMe: jest.fn(async () => ({ items: [] })),
    });
    expect(
      await screen.findByText('No reviews are waiting for you'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows an error from the backend', async () => {
    await renderAwaiting({
      getReviewsAwaitingMe: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            403,
            'NotAllowedError',
            'You may not read reviews',
          ),
        ),
    });
    expect(
      (await screen.findAllByText(/You may not read reviews/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
