import { APIResponse, expect, Locator, Page, test } from '@playwright/test';
import { attestManualChecks } from './attestManualChecks';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { entityCard, screenshotCard } from './entityCard';
import { signIn } from './signIn';

const repoRoot = path.resolve(__dirname, '../..');
const shots = path.resolve(__dirname, '../artifacts/screenshots');
const BACKEND = process.env.E2E_BACKEND_URL ?? 'http://localhost:7007';
const TEMPLATE_TITLE = 'ML model: real-time inference service';
const TEMPLATE_FILE = path.join(
  repoRoot,
  'templates/realtime-inference/template.yaml',
);
/** Where the demo publishes (mlops.scaffolder.localGit.baseDir, relative to packages/backend). */
const LOCAL_GIT = path.join(repoRoot, '.data/git');
/** The medium tier's defaults in the form: canary at 20 %, then 50 %; one approver. */
const FIRST_CANARY_WEIGHT = 20;
const MEDIUM_MANUAL_CHECKS = 3;

/** The repositories of `.data/git` outlive restarts: a new name per run. */
function uniqueName(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** Whether the template deploys the generated manifest to the cluster. */
function templateDeploysToCluster(): boolean {
  return /action:\s*mlops:kubernetes:apply/.test(
    fs.readFileSync(TEMPLATE_FILE, 'utf8'),
  );
}

async function json(response: APIResponse) {
  expect(
    response.ok(),
    `${response.url()} answered ${response.status()}: ${await response.text()}`,
  ).toBe(true);
  return response.json();
}

/** The signed-in user's Backstage token, from a request the app makes. */
async function backendAuthorization(page: Page, path: string): Promise<string> {
  const request = page.waitForRequest(
    r => r.url().startsWith(`${BACKEND}/api/`) && !!r.headers().authorization,
  );
  await page.goto(path);
  return (await request).headers().authorization;
}

/** Picks an entity in an autocomplete picker of the form. */
async function pick(page: Page, label: string, typed: string, option: RegExp) {
  const input = page.getByRole('textbox', { name: label, exact: true });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Chooses an option of a select field of the form. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('button', { name: new RegExp(`^${label} `) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

interface NewModel {
  name: string;
  title: string;
}

/**
 * Create → the real-time inference template → the form, as a data scientist
 * fills it: model, owner, system, datasets, model card, tier, features,
 * serving and repository defaults; then runs it and opens the new model.
 */
async function createModelFromTemplate(page: Page, model: NewModel) {
  await page.goto('/create');
  const templateCard = page
    .getByRole('heading', { name: TEMPLATE_TITLE, exact: true })
    .locator('xpath=ancestor::*[.//button[normalize-space()="Choose"]][1]');
  await templateCard.getByRole('button', { name: 'Choose' }).click();
  await expect(
    page.getByRole('textbox', { name: 'Name', exact: true }),
  ).toBeVisible();

  // Model
  await page
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill(model.name);
  await page
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill(model.title);
  await page
    .getByRole('textbox', { name: 'Description', exact: true })
    .fill(
      'Scores card payments for refund abuse before the refund is paid out.',
    );
  // Only the user's own teams are offered; Ada has one, so it is chosen for her.
  const owner = page.getByRole('textbox', { name: 'Owner', exact: true });
  await expect(owner).toHaveValue(/fraud-ml|Fraud ML/);
  await expect(owner).toBeDisabled();
  await pick(page, 'System', 'payments', /payments-risk|Payments risk/);
  await pick(
    page,
    'Training datasets',
    'card',
    /card-transactions|Card transactions/,
  );
  await pick(page, 'Training datasets', 'charge', /chargebacks|Chargebacks/);
  await page
    .getByRole('textbox', { name: 'Intended use', exact: true })
    .fill(
      'Flag refunds of card payments that look like abuse, for a person to review before payout.',
    );
  await page
    .getByRole('textbox', { name: 'Limitations', exact: true })
    .fill(
      'Not trained on marketplace sellers; scores for them are not meaningful.',
    );
  await page.getByRole('button', { name: 'Next' }).click();

  // Risk tier and policy: the tier's defaults fill the policy fields.
  await choose(page, 'Risk tier', 'Medium (customer-facing, reversible)');
  await expect(
    page.getByRole('spinbutton', { name: 'SLO target' }),
  ).toHaveValue('0.995');
  await page.getByRole('button', { name: 'Next' }).click();

  // Features
  const features = [
    { name: 'refund_amount_eur', type: 'numerical' },
    { name: 'days_since_purchase', type: 'numerical' },
    { name: 'merchant_country', type: 'categorical' },
  ];
  const names = page.getByRole('textbox', { name: 'Feature name' });
  // The list starts with one empty feature (at least one is required).
  await expect(names).toHaveCount(1);
  for (const [i, feature] of features.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add Item' }).click();
    await expect(names).toHaveCount(i + 1);
    await names.nth(i).fill(feature.name);
    if (feature.type !== 'numerical') {
      await page
        .getByRole('button', { name: /^Type / })
        .nth(i)
        .click();
      await page
        .getByRole('option', { name: feature.type, exact: true })
        .click();
    }
  }
  await page.getByRole('button', { name: 'Next' }).click();

  // Serving: the demo cluster, an Argo Rollout.
  await expect(
    page.getByRole('textbox', { name: 'Kubernetes cluster' }),
  ).toHaveValue('demo-cluster');
  await page.getByRole('button', { name: 'Next' }).click();

  // Repository: the portal's own git server (no GitHub in the demo).
  await expect(
    page.getByRole('button', { name: /^Publish to / }),
  ).toContainText("Portal's own git server");
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(
    page.getByText(model.name, { exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The run: every step succeeds and the output links to the new model.
  const modelLink = page.getByRole('link', { name: 'Model in the catalog' });
  await expect(modelLink).toBeVisible({ timeout: 120_000 });
  await expect(page.locator('main').getByText(/failed/i)).toHaveCount(0);
  await modelLink.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/mlmodel/${model.name}$`),
  );
  await expect(
    page.getByRole('heading', { name: new RegExp(model.title) }).first(),
  ).toBeVisible();
}

/**
 * What the owner pushes after training the first version: its evaluation
 * metrics, the lifecycle it is released into, and the links on-call needs.
 */
function pushTrainedVersion(name: string) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=Ada Lindqvist',
        '-c',
        'user.email=ada@northwind.example',
        ...args,
      ],
      {
        cwd: work,
        stdio: 'pipe',
      },
    );
  try {
    git('clone', '--quiet', path.join(LOCAL_GIT, `${name}.git`), '.');
    const file = path.join(work, 'catalog-info.yaml');
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const entity = docs[0];
    entity.setIn(['spec', 'lifecycle'], 'production');
    entity.setIn(['spec', 'versions', 0, 'metrics'], {
      auc: 0.91,
      precision_at_1pct: 0.62,
    });
    entity.setIn(
      ['metadata', 'links'],
      [
        {
          url: `https://runbooks.northwind.example/models/${name}`,
          title: 'Runbook',
          type: 'runbook',
        },
        {
          url: `https://grafana.northwind.example/d/${name}/overview`,
          title: 'Dashboard',
          type: 'dashboard',
        },
      ],
    );
    fs.writeFileSync(file, docs.map(d => d.toString()).join('---\n'));
    git(
      'commit',
      '--quiet',
      '-am',
      'Record the evaluation of 0.1.0 and release it',
    );
    git('push', '--quiet', 'origin', 'HEAD');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function attestAll(page: Page, version: string, name: string) {
  await attestManualChecks(page, {
    count: MEDIUM_MANUAL_CHECKS,
    evidenceUrl: label =>
      `https://wiki.northwind.example/fraud-ml/${name}/${version}/${label
        .toLowerCase()
        .replace(/\W+/g, '-')}`,
    comment: label => `${label}: done for ${version}.`,
  });
}

async function screenshot(target: Locator, name: string) {
  await screenshotCard(target.page(), target, path.join(shots, `${name}.png`));
}

test('the real-time template creates a model that opens in the catalog', async ({
  page,
}) => {
  const model = {
    name: uniqueName('refund-abuse'),
    title: 'Refund abuse scorer',
  };
  await signIn(page, 'Ada Lindqvist');
  await createModelFromTemplate(page, model);

  // The model page shows what the template generated.
  await expect(
    page.getByText('Flag refunds of card payments').first(),
  ).toBeVisible();
  const slos = entityCard(page, 'Service level objectives');
  await expect(slos.getByRole('tab', { name: /availability/ })).toBeVisible();
  await expect(slos.getByRole('tab', { name: /latency/ })).toBeVisible();
  // Its first readiness review was opened by the template.
  await expect(page.getByTestId('latest-review')).toContainText('0.1.0');
  await page.setViewportSize({ width: 1440, height: 2400 });
  await page.screenshot({
    path: path.join(shots, 'golden-path-model-page.png'),
    fullPage: true,
  });
});

test('the golden path: from the empty form to a reviewed model with its canary at the first step', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const model = {
    name: uniqueName('refund-risk'),
    title: 'Refund risk scorer',
  };
  const version = '0.1.0';
  await signIn(page, 'Ada Lindqvist');
  const started = Date.now();

  // --- Ada fills the form and opens her new model ---------------------------
  await createModelFromTemplate(page, model);
  const created = Date.now();

  // --- The first review is open; the checks a new model cannot pass yet fail --
  const ada = await backendAuthorization(
    page,
    `/catalog/default/mlmodel/${model.name}`,
  );
  const { items } = await json(
    await page.request.get(
      `${BACKEND}/api/mlops/models/default/${model.name}/reviews`,
      {
        headers: { Authorization: ada },
      },
    ),
  );
  expect(items).toHaveLength(1);
  const reviewUrl = `/mlops/reviews/${items[0].id}`;
  await expect(page.getByTestId('latest-review')).toContainText(version);
  await page.getByRole('link', { name: 'View review' }).click();
  await expect(page).toHaveURL(new RegExp(`${reviewUrl}$`));
  const headline = page.getByTestId('review-headline');
  await expect(headline).toContainText('Medium');
  await expect(headline).toContainText('Open');
  // Scaffolded as experimental, untrained, without dashboard or runbook link.
  for (const check of [
    'lifecycle-not-experimental',
    'evaluation-metrics',
    'dashboard-link',
    'runbook-link',
  ]) {
    await expect(page.getByTestId(`check-${check}`)).toHaveAttribute(
      'data-state',
      'failed',
    );
  }
  // What the template generated passes from the first commit.
  for (const check of [
    'owner-exists',
    'model-card',
    'datasets-exist',
    'slos-defined',
    'drift-features',
  ]) {
    await expect(page.getByTestId(`check-${check}`)).toHaveAttribute(
      'data-state',
      'passed',
    );
  }
  await screenshot(page.locator('main'), 'golden-path-review-opened');

  // --- Ada pushes the trained version; the catalog reads it -----------------
  pushTrainedVersion(model.name);
  const entityRef = `mlmodel:default/${model.name}`;
  const refreshed = await page.request.post(`${BACKEND}/api/catalog/refresh`, {
    headers: { Authorization: ada },
    data: { entityRef },
  });
  expect(refreshed.ok(), `catalog refresh answered ${refreshed.status()}`).toBe(
    true,
  );
  await expect(async () => {
    const entity = await json(
      await page.request.get(
        `${BACKEND}/api/catalog/entities/by-name/mlmodel/default/${model.name}`,
        {
          headers: { Authorization: ada },
        },
      ),
    );
    expect(entity.spec.lifecycle).toBe('production');
  }).toPass({ timeout: 90_000, intervals: [2_000] });

  // --- She refreshes the automatic checks and attests the manual ones -------
  await page.getByRole('button', { name: 'Refresh automatic checks' }).click();
  await expect(
    page.locator('[data-testid^="check-"][data-state="failed"]'),
  ).toHaveCount(0);
  await attestAll(page, version, model.name);
  await expect(
    page.locator('[data-testid^="check-"][data-state="pending"]'),
  ).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Approve', exact: true }),
  ).toBeDisabled();
  await expect(
    page.getByText('You opened this review, so you cannot approve it.'),
  ).toBeVisible();

  // --- Grace, a readiness reviewer, approves ---------------------------------
  await signIn(page, 'Grace Tanaka');
  await page.goto(reviewUrl);
  const approve = page.getByRole('button', { name: 'Approve', exact: true });
  await expect(approve).toBeEnabled();
  await approve.click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Comment')
    .fill(
      'Checks pass and the evidence is convincing for a medium-tier model.',
    );
  await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(headline).toContainText('Approved');
  await screenshot(page.locator('main'), 'golden-path-review-approved');

  // --- The canary panel of the new model ---------------------------------------
  await page.goto(`/catalog/default/mlmodel/${model.name}`);
  const canary = entityCard(page, 'Canary rollout');
  await expect(canary).toContainText(
    `Rollout models/${model.name} on demo-cluster`,
  );
  if (templateDeploysToCluster()) {
    await expect(async () => {
      await canary.getByRole('button', { name: 'Reload' }).click();
      await expect(
        canary.getByRole('img', {
          name: `Traffic: stable ${
            100 - FIRST_CANARY_WEIGHT
          }%, canary ${FIRST_CANARY_WEIGHT}%`,
        }),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 90_000, intervals: [2_000] });
    // The first weight is set; the canary waits at the pause after it.
    await expect(canary.getByTestId('step-progress')).toHaveText(
      /^Step [12] of 4: (Weight 20%|Pause 10m)$/,
    );
    await expect(canary.getByTestId('rollout-gate')).toBeVisible();
  } else {
    test.info().annotations.push({
      type: 'not yet covered',
      description:
        'the template does not deploy to the demo cluster yet (no mlops:kubernetes:apply step)',
    });
  }
  const finished = Date.now();
  await screenshot(canary, 'golden-path-canary');

  const timing = {
    model: model.name,
    formToModelPageSeconds: (created - started) / 1000,
    journeySeconds: (finished - started) / 1000,
    reachedCanary: templateDeploysToCluster(),
  };
  fs.writeFileSync(
    path.resolve(__dirname, '../artifacts/golden-path-timing.json'),
    `${JSON.stringify(timing, null, 2)}\n`,
  );
  test
    .info()
    .annotations.push({ type: 'timing', description: JSON.stringify(timing) });
});
