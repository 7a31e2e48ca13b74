import { APIResponse, expect, Page, test } from '@playwright/test';
import { attestManualChecks } from './attestManualChecks';
import path from 'node:path';
import { demoModels } from './demoCatalog';
import { signIn } from './signIn';

const shots = path.resolve(__dirname, '../artifacts/screenshots');
const BACKEND = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';

// Ada's critical model: every automatic check passes for its registered
// versions, so a review can end approved — with two sign-offs, one of them
// from the security reviewers (Grace, then Margaret).
const MODEL = 'card-fraud-detector';

/**
 * The signed-in user's Backstage token, taken from a request the app makes
 * to the backend: the same identity the pages use, without reaching into
 * the app's internals.
 */
async function backendAuthorization(page: Page, path: string): Promise<string> {
  const request = page.waitForRequest(
    r => r.url().startsWith(`${BACKEND}/api/`) && !!r.headers().authorization,
  );
  await page.goto(path);
  return (await request).headers().authorization;
}

async function json(response: APIResponse) {
  expect(
    response.ok(),
    `${response.url()} answered ${response.status()}: ${await response.text()}`,
  ).toBe(true);
  return response.json();
}

/** The newest registered version without a review in progress or approved, other than the one in production. */
function versionToReview(
  model: any,
  reviews: Array<{ version: string; status: string }>,
): string {
  const busy = new Set(
    reviews
      .filter(r => ['open', 'changes-requested', 'approved'].includes(r.status))
      .map(r => r.version),
  );
  const candidates = [...model.spec.versions]
    .sort(
      (a: any, b: any) =>
        Date.parse(b.registeredAt) - Date.parse(a.registeredAt),
    )
    .map((v: any) => v.version as string)
    .filter(v => v !== model.spec.version && !busy.has(v));
  if (candidates.length === 0) {
    throw new Error(
      `Every version of ${MODEL} already has a review in progress or approved; start the portal on a fresh database (delete .data/sqlite/*mlops* while it is stopped).`,
    );
  }
  return candidates[0];
}

/**
 * Full-page screenshot from the top left. Clicking scrolls Backstage's own
 * scroll containers (sideways too), which would crop the picture.
 */
async function screenshot(page: Page, name: string, height: number) {
  await page.setViewportSize({ width: 1440, height });
  const toTopLeft = () => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el.scrollLeft || el.scrollTop) el.scrollTo(0, 0);
    }
    window.scrollTo(0, 0);
  };
  await page.evaluate(toTopLeft);
  await page.waitForTimeout(300);
  await page.evaluate(toTopLeft);
  await page.screenshot({
    path: path.join(shots, `${name}.png`),
    fullPage: true,
  });
}

/** Approves the review on the current page, with a comment. */
async function approve(page: Page, comment: string) {
  const button = page.getByRole('button', { name: 'Approve', exact: true });
  await expect(button).toBeEnabled();
  await button.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Comment').fill(comment);
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('a model version goes from an opened review to an approved deploy gate', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const model = demoModels().find(m => m.metadata.name === MODEL);
  expect(model?.spec.riskTier).toBe('critical');
  const entityPage = `/catalog/default/mlmodel/${MODEL}`;

  // --- Ada opens a review of a version of her model -----------------------
  await signIn(page, 'Ada Lindqvist');
  const ada = await backendAuthorization(page, '/mlops/models');
  // On a fresh portal the catalog and the demo reviews arrive shortly after start-up.
  let reviews: Array<{ version: string; status: string }> = [];
  await expect(async () => {
    const body = await json(
      await page.request.get(
        `${BACKEND}/api/mlops/models/default/${MODEL}/reviews`,
        {
          headers: { Authorization: ada },
        },
      ),
    );
    reviews = body.items;
    expect(reviews.length).toBeGreaterThan(0);
  }).toPass({ timeout: 180_000, intervals: [3_000] });
  const version = versionToReview(model, reviews);

  await page.goto(entityPage);
  await expect(
    page.getByText('Production readiness', { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('latest-review')).toBeVisible();
  const versionSelect = page.getByRole('button', { name: /Version to review/ });
  await expect(versionSelect).toBeVisible();
  if ((await versionSelect.textContent())?.trim() !== version) {
    await versionSelect.click();
    await page.getByRole('option', { name: version, exact: true }).click();
  }
  await screenshot(page, 'readiness-card-before', 1400);
  await page.getByRole('button', { name: `Open review of ${version}` }).click();

  await expect(page).toHaveURL(/\/mlops\/reviews\/[0-9a-f-]+$/);
  const reviewUrl = new URL(page.url()).pathname;
  const reviewId = reviewUrl.split('/').pop()!;
  const headline = page.getByTestId('review-headline');
  await expect(headline).toContainText(version);
  await expect(headline).toContainText('Critical');
  await expect(headline).toContainText('Open');
  // The automatic checks were evaluated when the review opened, and all pass.
  for (const category of [
    'reliability',
    'monitoring',
    'governance',
    'security',
    'documentation',
  ]) {
    await expect(page.getByTestId(`category-${category}`)).toBeVisible();
  }
  await expect(
    page.locator('[data-testid^="check-"][data-state="failed"]'),
  ).toHaveCount(0);
  await expect(page.getByTestId('evidence-runbook-link')).toContainText(
    'runbooks.northwind.example',
  );

  // --- She attests every manual check with evidence --------------------------
  const manualChecks = 7; // critical tier
  await attestManualChecks(page, {
    count: manualChecks,
    evidenceUrl: label =>
      `https://wiki.northwind.example/fraud-ml/card-fraud-detector/${version}/${encodeURIComponent(
        label.toLowerCase().replace(/\W+/g, '-'),
      )}`,
    comment: label => `${label}: done for ${version}, see the linked page.`,
  });
  await expect(
    page.locator('[data-testid^="check-"][data-state="pending"]'),
  ).toHaveCount(0);
  await expect(
    page.getByTestId('timeline-entry').filter({ hasText: 'attested' }),
  ).toHaveCount(manualChecks);

  // --- She cannot approve her own review: the button says why, the server agrees
  const approveButton = page.getByRole('button', {
    name: 'Approve',
    exact: true,
  });
  await expect(approveButton).toBeDisabled();
  await expect(
    page.getByText('You opened this review, so you cannot approve it.'),
  ).toBeVisible();
  const refused = await page.request.post(
    `${BACKEND}/api/mlops/reviews/${reviewId}/approve`,
    {
      headers: { Authorization: ada },
      data: {},
    },
  );
  expect([403, 409]).toContain(refused.status());
  expect((await refused.json()).error.message).toMatch(
    /cannot approve|may not sign off/,
  );
  await screenshot(page, 'readiness-review-author', 2400);

  // Not yet deployable.
  const gateBefore = await json(
    await page.request.get(
      `${BACKEND}/api/mlops/gate/default/${MODEL}/${version}`,
      {
        headers: { Authorization: ada },
      },
    ),
  );
  expect(gateBefore.allowed).toBe(false);
  expect(gateBefore.reasons.join(' ')).toContain('0 of 2 required approvals');

  // --- Grace finds it among the reviews waiting for her and approves ---------
  await signIn(page, 'Grace Tanaka');
  await page.goto('/mlops/reviews');
  await expect(
    page.getByRole('heading', { name: 'Reviews waiting for me' }),
  ).toBeVisible();
  const row = page
    .getByTestId('awaiting-row')
    .filter({ has: page.getByRole('link', { name: `Review of ${version}` }) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Security approval missing');
  await screenshot(page, 'readiness-waiting-for-me', 900);
  await row.getByRole('link', { name: `Review of ${version}` }).click();
  await expect(page).toHaveURL(new RegExp(`${reviewUrl}$`));
  await approve(
    page,
    'Evidence read; rollback drill and load test are convincing.',
  );
  await expect(page.getByTestId('approval-count')).toContainText('1 of 2');
  await expect(page.getByTestId('approval-count')).toContainText(
    'Security approval missing',
  );
  await expect(
    page.getByText('You have already approved this review.'),
  ).toBeVisible();

  // --- Margaret gives the security approval --------------------------------------
  await signIn(page, 'Margaret Osei');
  await page.goto(reviewUrl);
  await approve(
    page,
    'Threat model reviewed: evasion and extraction mitigated.',
  );
  await expect(headline).toContainText('Approved');
  await expect(
    page.getByText(
      new RegExp(
        `version ${version.replace(/\./g, '\\.')} may be deployed until`,
      ),
    ),
  ).toBeVisible();
  await expect(page.getByTestId('timeline-entry').last()).toContainText(
    'open → approved',
  );
  await screenshot(page, 'readiness-review-approved', 2400);

  // --- The deploy gate now lets the version through -------------------------------
  const margaret = await backendAuthorization(page, '/mlops/models');
  const gate = await json(
    await page.request.get(
      `${BACKEND}/api/mlops/gate/default/${MODEL}/${version}`,
      {
        headers: { Authorization: margaret },
      },
    ),
  );
  expect(gate).toMatchObject({
    modelRef: `mlmodel:default/${MODEL}`,
    version,
    allowed: true,
    reasons: [],
    reviewId,
  });

  // --- The Readiness card and the Models page show it approved -----------------
  await page.goto(entityPage);
  const latest = page.getByTestId('latest-review');
  await expect(latest).toContainText('Approved');
  await expect(latest).toContainText(version);
  await expect(latest.getByTestId('blocking-reasons')).toHaveCount(0);
  await screenshot(page, 'readiness-card-approved', 1400);

  await page.goto('/mlops/models');
  const modelRow = page.getByTestId('model-row').filter({
    has: page.getByRole('link', { name: model.metadata.title, exact: true }),
  });
  await expect(modelRow.getByTestId('readiness-cell')).toContainText(
    'Approved',
  );
  await expect(modelRow.getByTestId('readiness-cell')).toContainText(version);
  await screenshot(page, 'readiness-models-column', 1000);
});
