import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  ReadinessReview,
  ReviewActor,
} from '@mlops-portal/plugin-mlops-common';
import { Route, Routes } from 'react-router-dom';
import { MLOpsApi, mlopsApiRef } from '../../api';
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
  replayReview,
  toAuditEntries,
  toEvidenceDocument,
  toView,
} from '../../__testUtils__/reviewFixtures';
import { reviewsRouteRef } from '../../routes';
import { ReadinessReviewsRouter } from '../ReadinessReviewsRouter';

const KATHERINE: ReviewActor = {
  userRef: 'user:default/katherine',
  ownershipRefs: ['user:default/katherine', 'group:default/forecasting'],
  canSignOff: false,
};

/** Ada's open review of 2.1.0: automatic checks run, on-call attested. */
function adasReview(options: { failDatasets?: boolean } = {}) {
  return replayReview([
    ['open', ADA],
    [
      {
        type: 'recordAutomaticResults',
        results: automaticResults(options),
      },
      ADA,
    ],
    [
      {
        type: 'attest',
        checkId: 'on-call-rotation',
        evidenceUrl: 'https://pagerduty.example.com/schedules/fraud',
        comment: 'Six people, follow the sun',
      },
      ADA,
    ],
  ]);
}

/** The same review with every manual check attested: ready for sign-off. */
function readyReview() {
  const { review } = adasReview();
  return replayReview([
    ['open', ADA],
    [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
    ...attestAll(review, ADA),
  ]);
}

async function renderReviewPage(options: {
  review: ReadinessReview;
  events?: Parameters<typeof toAuditEntries>[0];
  viewer: ReviewActor;
  api?: Partial<MLOpsApi>;
}) {
  const { review, viewer } = options;
  const api = mockMLOpsApi({
    getReview: async () => toView(review),
    getReviewAuditTrail: async () => ({
      reviewId: review.id,
      items: toAuditEntries(options.events ?? []),
    }),
    ...options.api,
  });
  const authorize = jest.fn(req => {
    const name = req.permission.name;
    if (name === 'mlops.review.signoff') {
      return viewer.canSignOff ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    }
    if (name === 'mlops.review.create') {
      return viewer.ownershipRefs.includes('group:default/fraud-ml')
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    }
    return AuthorizeResult.ALLOW;
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [mlopsApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize })],
        [
          catalogApiRef,
          catalogApiMock.mock({
            getEntityByRef: jest.fn(async () => fraudDetector()),
          }),
        ],
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: viewer.userRef,
            ownershipEntityRefs: viewer.ownershipRefs,
          }),
        ],
      ]}
    >
      <FreshPermissionCache>
        <Routes>
          <Route path="/mlops/reviews/*" element={<ReadinessReviewsRouter />} />
        </Routes>
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      routeEntries: [`/mlops/reviews/${review.id}`],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/mlops/reviews': reviewsRouteRef,
      },
    },
  );
  await screen.findByTestId('review-headline');
  return { api, authorize };
}

const button = (name: RegExp | string) => screen.getByRole('button', { name });

/** The caption that explains why a button is disabled. */
function reasonFor(name: RegExp | string) {
  const id = button(name).getAttribute('aria-describedby');
  return id ? document.getElementById(id)?.textContent : undefined;
}

// A whole page of MUI in jsdom: role queries over it take a few seconds.
jest.setTimeout(30_000);

describe('ReadinessReviewPage', () => {
  it('shows model, version, tier and status, and the checklist grouped by category', async () => {
    const { review } = adasReview();
    await renderReviewPage({ review, viewer: ADA });

    const headline = screen.getByTestId('review-headline');
    expect(
      within(headline).getByRole('link', { name: /Fraud detector/ }),
    ).toHaveAttribute('href', '/catalog/default/mlmodel/fraud-detector');
    expect(headline).toHaveTextContent('2.1.0');
    expect(within(headline).getByText('High')).toBeInTheDocument();
    expect(within(headline).getByText('Open')).toBeInTheDocument();

    // The engine's category order; the high tier has no security check.
    const sections = screen
      .getAllByTestId(/^category-/)
      .map(s => s.getAttribute('data-testid'));
    expect(sections).toEqual([
      'category-reliability',
      'category-monitoring',
      'category-governance',
      'category-documentation',
    ]);
    const reliability = within(screen.getByTestId('category-reliability'));
    expect(
      reliability
        .getAllByTestId(/^check-/)
        .map(c => c.getAttribute('data-testid')),
    ).toEqual([
      'check-runbook-link',
      'check-rollout-declared',
      'check-on-call-rotation',
      'check-rollback-rehearsed',
      'check-load-test',
    ]);
    // Each check says why it matters.
    expect(
      within(screen.getByTestId('check-load-test')).getByText(
        /Headroom of twice the expected peak/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the evidence of automatic checks and of attestations', async () => {
    const { review } = adasReview({ failDatasets: true });
    await renderReviewPage({ review, viewer: ADA });

    const datasets = screen.getByTestId('check-datasets-exist');
    expect(datasets).toHaveAttribute('data-state', 'failed');
    const evidence = within(datasets).getByTestId('evidence-datasets-exist');
    expect(evidence).toHaveTextContent(
      '1 of 2 declared datasets is not in the catalog',
    );
    expect(evidence).toHaveTextContent('Missing');
    expect(
      within(evidence).getAllByRole('link', { name: /chargebacks/ })[0],
    ).toHaveAttribute('href', '/catalog/default/resource/chargebacks');

    const runbook = within(screen.getByTestId('evidence-runbook-link'));
    expect(
      runbook.getByRole('link', {
        name: /^https:\/\/runbooks\.example\.com\/fraud/,
      }),
    ).toHaveAttribute('href', 'https://runbooks.example.com/fraud');

    const attestation = within(
      screen.getByTestId('attestation-on-call-rotation'),
    );
    expect(
      attestation.getByRole('link', {
        name: /^https:\/\/pagerduty\.example\.com\/schedules\/fraud/,
      }),
    ).toBeInTheDocument();
    expect(
      attestation.getByText('“Six people, follow the sun”'),
    ).toBeInTheDocument();
    expect(attestation.getByRole('link', { name: 'ada' })).toBeInTheDocument();
    expect(attestation.getByText(/2026-04-21 09:02 UTC/)).toBeInTheDocument();

    expect(
      within(screen.getByTestId('check-rollback-rehearsed')).getByText(
        /Not attested yet/,
      ),
    ).toBeInTheDocument();
  });

  it('attests a manual check with evidence, validating the input first', async () => {
    const { review } = adasReview();
    const attested = replayReview([
      ['open', ADA],
      [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
      [
        {
          type: 'attest',
          checkId: 'rollback-rehearsed',
          evidenceUrl: 'https://wiki.example.com/rollback-drill',
          comment: 'Rolled back 2.1.0 to 2.0.0 in staging',
        },
        ADA,
      ],
    ]).review;
    const { api } = await renderReviewPage({
      review,
      viewer: ADA,
      api: {
        attestCheck: jest.fn(async () => ({ ...toView(attested), events: [] })),
      },
    });

    await waitFor(() =>
      expect(button('Attest Rollback rehearsed')).toBeEnabled(),
    );
    fireEvent.click(button('Attest Rollback rehearsed'));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('Attest: Rollback rehearsed')).toBeInTheDocument();

    fireEvent.click(dialog.getByRole('button', { name: 'Attest' }));
    expect(
      dialog.getByText('A link to the evidence is required.'),
    ).toBeInTheDocument();
    expect(
      dialog.getByText('Say what the evidence shows.'),
    ).toBeInTheDocument();

    fireEvent.change(dialog.getByLabelText(/Evidence URL/), {
      // Entered by a person, shown to others as a link: only http(s).
      target: { value: ['javascript', 'alert(1)'].join(':') },
    });
    fireEvent.change(dialog.getByLabelText(/Comment/), {
      target: { value: '  Rolled back 2.1.0 to 2.0.0 in staging ' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Attest' }));
    expect(
      dialog.getByText(/Enter an absolute http\(s\) URL/),
    ).toBeInTheDocument();
    expect(api.attestCheck).not.toHaveBeenCalled();

    fireEvent.change(dialog.getByLabelText(/Evidence URL/), {
      target: { value: 'https://wiki.example.com/rollback-drill' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Attest' }));
    await waitFor(() =>
      expect(api.attestCheck).toHaveBeenCalledWith('review-1', {
        checkId: 'rollback-rehearsed',
        evidenceUrl: 'https://wiki.example.com/rollback-drill',
        comment: 'Rolled back 2.1.0 to 2.0.0 in staging',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      screen.getByTestId('attestation-rollback-rehearsed'),
    ).toHaveTextContent('Rolled back 2.1.0 to 2.0.0 in staging');
    // The timeline is reloaded after the change.
    expect(api.getReviewAuditTrail).toHaveBeenCalledTimes(2);
  });

  it('disables Approve for the author and says why', async () => {
    const { review } = readyReview();
    await renderReviewPage({ review, viewer: ADA });
    expect(button('Approve')).toBeDisabled();
    expect(reasonFor('Approve')).toBe(
      'You opened this review, so you cannot approve it.',
    );
    expect(button('Request changes')).toBeDisabled();
    expect(reasonFor('Request changes')).toBe(
      'You opened this review, so you cannot request changes on it.',
    );
    // The author may still withdraw it.
    await waitFor(() => expect(button('Withdraw')).toBeEnabled());
  });

  it('disables sign-off for people who are not readiness reviewers', async () => {
    const { review } = readyReview();
    await renderReviewPage({ review, viewer: KATHERINE });
    await waitFor(() =>
      expect(reasonFor('Approve')).toBe(
        'Only readiness reviewers can approve.',
      ),
    );
    expect(button('Approve')).toBeDisabled();
    expect(reasonFor('Withdraw')).toBe(
      'Only the author or members of the owning team can withdraw this review.',
    );
    const attest = button('Replace attestation of Rollback rehearsed');
    expect(attest).toBeDisabled();
    // A disabled button gets no hover: the tooltip sits on its wrapper.
    expect(attest.parentElement).toHaveAttribute(
      'title',
      'Only members of the owning team or readiness reviewers can attest checks.',
    );
  });

  it('lets a reviewer approve, and shows the server refusal in the dialog', async () => {
    const { review } = readyReview();
    const refusal = await responseError(
      409,
      'ConflictError',
      'You opened this review, so you cannot approve it.',
    );
    const { api } = await renderReviewPage({
      review,
      viewer: BARBARA,
      api: { approveReview: jest.fn().mockRejectedValue(refusal) },
    });
    await waitFor(() => expect(button('Approve')).toBeEnabled());
    fireEvent.click(button('Approve'));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(/Your approval would be 1 of the 2/),
    ).toBeInTheDocument();
    fireEvent.change(dialog.getByLabelText(/Comment/), {
      target: { value: 'Evidence checked' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.approveReview).toHaveBeenCalledWith('review-1', {
        comment: 'Evidence checked',
      }),
    );
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'You opened this review, so you cannot approve it.',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('requires a comment to request changes', async () => {
    const { review } = readyReview();
    const changed = replayReview([
      ['open', ADA],
      [{ type: 'recordAutomaticResults', results: automaticResults() }, ADA],
      ...attestAll(review, ADA),
      [
        { type: 'requestChanges', comment: 'Add the load test report' },
        BARBARA,
      ],
    ]).review;
    const { api } = await renderReviewPage({
      review,
      viewer: BARBARA,
      api: {
        requestReviewChanges: jest.fn(async () => ({
          ...toView(changed),
          events: [],
        })),
      },
    });
    await waitFor(() => expect(button('Request changes')).toBeEnabled());
    fireEvent.click(button('Request changes'));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Request changes' }));
    expect(
      dialog.getByText('What has to change is required.'),
    ).toBeInTheDocument();
    expect(api.requestReviewChanges).not.toHaveBeenCalled();
    fireEvent.change(dialog.getByLabelText(/What has to change/), {
      target: { value: 'Add the load test report' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Request changes' }));
    await waitFor(() =>
      expect(api.requestReviewChanges).toHaveBeenCalledWith('review-1', {
        comment: 'Add the load test report',
      }),
    );
    // The dialog closes after the review reloads, with MUI's exit
    // transition: slow on a loaded machine, so wait past the 1 s default.
    await waitFor(
      () => expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      { timeout: 15_000 },
    );
    const headline = screen.getByTestId('review-headline');
    expect(within(headline).getByText('Changes requested')).toBeInTheDocument();
    // Now the reviewer cannot approve until the author answers.
    expect(reasonFor('Approve')).toMatch(/^Changes were requested by barbara/);
  });

  it('says why nothing can be signed off on an approved review', async () => {
    const { review, events } = approvedReview();
    await renderReviewPage({ review, events, viewer: BARBARA });
    expect(button('Approve')).toBeDisabled();
    expect(reasonFor('Approve')).toBe(
      'This review is already approved, so you cannot approve it.',
    );
    expect(reasonFor('Withdraw')).toBe(
      'An approved review cannot be withdrawn.',
    );
    expect(reasonFor('Reopen')).toBe(
      'Only a review with changes requested can be reopened.',
    );
    expect(
      screen.getByText(/may be deployed until 2026-07-20/),
    ).toBeInTheDocument();
  });

  it('shows the timeline: who, when, what, status before and after', async () => {
    const { review, events } = approvedReview();
    await renderReviewPage({ review, events, viewer: BARBARA });
    const entries = await screen.findAllByTestId('timeline-entry');
    expect(entries).toHaveLength(events.length);
    expect(entries[0]).toHaveTextContent('ada opened the review');
    expect(entries[0]).toHaveTextContent('new → open');
    expect(entries[0]).toHaveTextContent('2026-04-21 09:00 UTC');
    const last = entries[entries.length - 1];
    expect(last).toHaveTextContent('grace approved the review');
    expect(last).toHaveTextContent('open → approved');
    const barbara = entries[entries.length - 2];
    expect(barbara).toHaveTextContent('“Looks good”');
    expect(barbara).toHaveTextContent('Approval 1 of 2.');
  });

  it('exports the evidence document as a JSON download', async () => {
    const { review, events } = adasReview();
    const doc = toEvidenceDocument(review, events, 'user:default/ada');
    const createObjectURL = jest.fn(() => 'blob:evidence');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
    const { api } = await renderReviewPage({
      review,
      viewer: ADA,
      api: { getReviewEvidence: jest.fn(async () => doc) },
    });
    fireEvent.click(button('Export evidence (JSON)'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.getReviewEvidence).toHaveBeenCalledWith('review-1');
    expect(clicked).toEqual([
      'readiness-evidence-fraud-detector-2.1.0-review-1.json',
    ]);
    const blob = (createObjectURL.mock.calls[0] as unknown[])[0] as Blob;
    expect(JSON.parse(await blob.text())).toEqual(doc);
    click.mockRestore();
  });
});
