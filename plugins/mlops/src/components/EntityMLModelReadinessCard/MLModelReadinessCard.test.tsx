import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { MLOpsApi, mlopsApiRef } from '../../api';
import { ReviewOverview } from '../../api/types';
import { fraudDetector } from '../../__testUtils__/fixtures';
import { FreshPermissionCache } from '../../__testUtils__/FreshPermissionCache';
import { mockMLOpsApi } from '../../__testUtils__/mockMLOpsApi';
import { responseError } from '../../__testUtils__/responseErrors';
import {
  ADA,
  approvedReview,
  attestAll,
  automaticResults,
  BARBARA,
  GRACE,
  NOW,
  openReview,
  replayReview,
  toOverview,
} from '../../__testUtils__/reviewFixtures';
import { reviewsRouteRef } from '../../routes';
import { MLModelReadinessCard } from './MLModelReadinessCard';

function LocationProbe() {
  return <output data-testid="location">{useLocation().pathname}</output>;
}

async function renderReadinessCard(
  options: {
    entity?: Entity;
    reviews?: ReviewOverview[];
    api?: Partial<MLOpsApi>;
    canCreate?: boolean;
  } = {},
) {
  const entity = options.entity ?? fraudDetector();
  const api = mockMLOpsApi({
    getModelReviews: async () => ({
      modelRef: 'mlmodel:default/fraud-detector',
      items: options.reviews ?? [],
    }),
    ...options.api,
  });
  const authorize = jest.fn(() =>
    options.canCreate === false ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
  );
  const permissionApi = mockApis.permission({ authorize });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mlopsApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FreshPermissionCache>
        <EntityProvider entity={entity}>
          <MLModelReadinessCard />
        </EntityProvider>
      </FreshPermissionCache>
      <LocationProbe />
    </TestApiProvider>,
    {
      routeEntries: ['/catalog/default/mlmodel/fraud-detector'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/mlops/reviews': reviewsRouteRef,
      },
    },
  );
  return { api, authorize };
}

const openButton = () => screen.getByRole('button', { name: /^Open review/ });

describe('MLModelReadinessCard', () => {
  it('shows the latest review: status, version, checks, approvals and what blocks it', async () => {
    const { review } = replayReview([
      ['open', ADA],
      [
        {
          type: 'recordAutomaticResults',
          results: automaticResults({ failDatasets: true }),
        },
        ADA,
      ],
      [
        {
          type: 'attest',
          checkId: 'on-call-rotation',
          evidenceUrl: 'https://pagerduty.example.com/fraud',
          comment: 'Rota with six people',
        },
        ADA,
      ],
    ]);
    await renderReadinessCard({ reviews: [toOverview(review)] });

    const latest = await screen.findByTestId('latest-review');
    expect(within(latest).getByText('Open')).toBeInTheDocument();
    expect(within(latest).getByText('2.1.0')).toBeInTheDocument();
    // High tier: 10 automatic checks (one failed) + 6 manual (one attested).
    expect(within(latest).getByTestId('check-counts')).toHaveAttribute(
      'aria-label',
      'Checks: 10 passed, 1 failed, 5 pending of 16',
    );
    expect(within(latest).getByTestId('approval-count')).toHaveTextContent(
      'Approvals 0 of 2',
    );
    expect(
      within(latest).queryByText('Security approval missing'),
    ).not.toBeInTheDocument();
    const reasons = within(latest).getByTestId('blocking-reasons');
    expect(reasons).toHaveTextContent(
      'Check datasets-exist (Training datasets declared and registered) failed: 1 of 2 declared datasets is not in the catalog: resource:default/chargebacks.',
    );
    // Four shown, the rest summarised.
    expect(reasons).toHaveTextContent('… and 3 more');
    expect(
      within(latest).getByRole('link', { name: /View review/ }),
    ).toHaveAttribute('href', '/mlops/reviews/review-1');
  });

  it('says when a critical review still lacks its security approval', async () => {
    const critical = fraudDetector({ spec: { riskTier: 'critical' } });
    const { review: open } = replayReview(
      [
        ['open', ADA],
        [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
      ],
      { model: critical },
    );
    const { review } = replayReview(
      [
        ['open', ADA],
        [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
        ...attestAll(open, ADA),
        [{ type: 'approve' }, BARBARA],
        [{ type: 'approve' }, GRACE],
      ],
      { model: critical },
    );
    await renderReadinessCard({
      entity: critical,
      reviews: [toOverview(review)],
    });
    const latest = await screen.findByTestId('latest-review');
    expect(within(latest).getByText('Open')).toBeInTheDocument();
    expect(within(latest).getByTestId('approval-count')).toHaveTextContent(
      'Approvals 2 of 2Security approval missing',
    );
    expect(within(latest).getByTestId('blocking-reasons')).toHaveTextContent(
      'Needs an approval from a member of group:default/security-reviewers.',
    );
  });

  it('shows an approved review without blocking reasons, and earlier reviews', async () => {
    const approved = toOverview(approvedReview().review);
    const older = toOverview(
      replayReview(
        [
          ['open', ADA],
          [{ type: 'withdraw', reason: 'Superseded' }, ADA],
        ],
        { id: 'review-0', version: '2.0.0' },
      ).review,
    );
    await renderReadinessCard({ reviews: [approved, older] });
    const latest = await screen.findByTestId('latest-review');
    expect(within(latest).getByText('Approved')).toBeInTheDocument();
    expect(
      within(latest).getByText(/valid until 2026-07-20/),
    ).toBeInTheDocument();
    expect(within(latest).queryByTestId('blocking-reasons')).toBeNull();
    const earlier = screen.getByTestId('earlier-reviews');
    expect(within(earlier).getByText('2.0.0')).toBeInTheDocument();
    expect(
      within(earlier).getByRole('link', { name: /Withdrawn/ }),
    ).toHaveAttribute('href', '/mlops/reviews/review-0');
  });

  it('warns about a stale approval', async () => {
    const { review: approved } = approvedReview();
    const { review } = replayReview([
      ['open', ADA],
      [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
      ...attestAll(approved, ADA),
      [{ type: 'approve' }, BARBARA],
      [{ type: 'approve' }, GRACE],
      [
        {
          type: 'recordAutomaticResults',
          results: automaticResults({ failDatasets: true }),
        },
        ADA,
      ],
    ]);
    await renderReadinessCard({ reviews: [toOverview(review)] });
    const latest = await screen.findByTestId('latest-review');
    expect(within(latest).getByText('Stale')).toBeInTheDocument();
    expect(latest).toHaveTextContent(
      'Stale: a required check changed after the approval',
    );
  });

  it('warns about an expired approval', async () => {
    const { review } = approvedReview();
    const later = new Date(NOW.getTime() + 100 * 86_400_000);
    await renderReadinessCard({ reviews: [toOverview(review, later)] });
    const latest = await screen.findByTestId('latest-review');
    expect(within(latest).getByText('Expired')).toBeInTheDocument();
    expect(latest).toHaveTextContent('The approval expired on 2026-07-20');
  });

  it('offers to open a review of the newest version not in production when there is none', async () => {
    const { api, authorize } = await renderReadinessCard({
      api: {
        openReview: jest.fn(async () => ({
          ...openReview().review,
          review: { ...openReview().review, id: 'new-review' },
        })) as any,
      },
    });
    expect(
      await screen.findByText(
        'No readiness review yet — open one for version 2.0.0',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(openButton()).toBeEnabled());
    expect(openButton()).toHaveTextContent('Open review of 2.0.0');
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'mlops.review.create' }),
        resourceRef: 'mlmodel:default/fraud-detector',
      }),
    );

    fireEvent.click(openButton());
    await waitFor(() =>
      expect(api.openReview).toHaveBeenCalledWith(
        'mlmodel:default/fraud-detector',
        { version: '2.0.0' },
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/mlops/reviews/new-review',
      ),
    );
  });

  it('disables "Open review" and says why for someone outside the owning team', async () => {
    await renderReadinessCard({ canCreate: false });
    await screen.findByTestId('readiness-empty');
    await waitFor(() =>
      expect(
        screen.getByText(
          "Only members of fraud-ml, the model's owner, can open a readiness review.",
        ),
      ).toBeInTheDocument(),
    );
    expect(openButton()).toBeDisabled();
    expect(openButton()).toHaveAttribute(
      'aria-describedby',
      'open-review-reason',
    );
  });

  it('does not offer versions that already have a review in progress or approved', async () => {
    const approved = toOverview(approvedReview().review);
    const entity = fraudDetector({
      spec: {
        versions: [
          { version: '2.0.0' },
          { version: '2.1.0' },
          { version: '2.2.0-rc.1' },
        ],
      },
    });
    await renderReadinessCard({ entity, reviews: [approved] });
    await screen.findByTestId('latest-review');
    await waitFor(() => expect(openButton()).toBeEnabled());
    // 2.1.0 is approved; the newest free version is suggested.
    expect(openButton()).toHaveTextContent('Open review of 2.2.0-rc.1');
    fireEvent.mouseDown(
      screen.getByRole('button', { name: /Version to review/ }),
    );
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual(['2.2.0-rc.1', '2.0.0']);
    expect(
      screen.getByText(/Not offered: 2.1.0 \(approved\)/),
    ).toBeInTheDocument();
  });

  it('says so when every version is taken', async () => {
    const entity = fraudDetector({
      spec: { versions: [{ version: '2.1.0' }] },
    });
    await renderReadinessCard({
      entity,
      reviews: [toOverview(approvedReview().review)],
    });
    await screen.findByTestId('latest-review');
    await waitFor(() =>
      expect(
        screen.getByText(
          'Every version already has a review in progress or approved.',
        ),
      ).toBeInTheDocument(),
    );
    expect(openButton()).toBeDisabled();
  });

  it("shows the server's refusal when opening fails", async () => {
    const conflict = await responseError(
      409,
      'ConflictError',
      'Version 2.0.0 already has a review in progress (r9, open); continue it or withdraw it first.',
    );
    await renderReadinessCard({
      api: { openReview: jest.fn().mockRejectedValue(conflict) },
    });
    await screen.findByTestId('readiness-empty');
    await waitFor(() => expect(openButton()).toBeEnabled());
    fireEvent.click(openButton());
    expect(
      await screen.findByText(
        'Version 2.0.0 already has a review in progress (r9, open); continue it or withdraw it first.',
      ),
    ).toBeInTheDocument();
  });
});
