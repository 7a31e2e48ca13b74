import { expect, Page, test } from '@playwright/test';
import path from 'node:path';
import { demoModels } from './demoCatalog';
import { signIn } from './signIn';

const shots = path.resolve(__dirname, '../artifacts/screenshots');

async function openModelsPage(page: Page) {
  const count = demoModels().length;
  await signIn(page);
  await page.goto('/mlops/models');
  // The catalog ingests the demo files shortly after start-up: wait until
  // the first model is listed, reloading while processing catches up.
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('heading', { name: 'Models' }).first(),
    ).toBeVisible();
    // At least the demo's models: the golden-path journeys add their own.
    const total = page.getByTestId('models-total');
    await expect(total).toHaveText(/^\d+ models$/, { timeout: 5_000 });
    expect(
      Number((await total.textContent())?.split(' ')[0]),
    ).toBeGreaterThanOrEqual(count);
  }).toPass({ timeout: 150_000, intervals: [3_000] });
}

test('the Models page lists every demo model with owner, tier and lifecycle', async ({
  page,
}) => {
  const models = demoModels();
  expect(models.length).toBeGreaterThanOrEqual(8);
  await openModelsPage(page);

  for (const model of models) {
    const label = model.metadata.title ?? model.metadata.name;
    await expect(
      page.getByRole('link', { name: label, exact: true }),
    ).toBeVisible();
  }
  const critical = models.find(m => m.spec.riskTier === 'critical');
  const row = page.getByRole('row').filter({
    has: page.getByRole('link', {
      name: critical.metadata.title ?? critical.metadata.name,
      exact: true,
    }),
  });
  await expect(row).toContainText(/critical/i);
  await expect(row).toContainText(critical.spec.lifecycle);
  await page.screenshot({
    path: path.join(shots, 'models-page.png'),
    fullPage: true,
  });
});

test('filtering by risk tier narrows the list on the server', async ({
  page,
}) => {
  const models = demoModels();
  await openModelsPage(page);
  const high = models.filter(m => m.spec.riskTier === 'high');
  await page.goto('/mlops/models?tier=high');
  for (const model of high) {
    await expect(
      page.getByRole('link', {
        name: model.metadata.title ?? model.metadata.name,
        exact: true,
      }),
    ).toBeVisible();
  }
  const notHigh = models.find(m => m.spec.riskTier !== 'high');
  await expect(
    page.getByRole('link', {
      name: notHigh.metadata.title ?? notHigh.metadata.name,
      exact: true,
    }),
  ).toHaveCount(0);
});

test('a model page shows its About card, data, lineage and versions', async ({
  page,
}) => {
  const models = demoModels();
  const model =
    models.find(
      m => m.spec.riskTier === 'critical' && m.spec.lifecycle === 'production',
    ) ?? models[0];
  await openModelsPage(page);
  await page
    .getByRole('link', {
      name: model.metadata.title ?? model.metadata.name,
      exact: true,
    })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/mlmodel/${model.metadata.name}`),
  );

  await expect(page.getByText('About').first()).toBeVisible();
  await expect(
    page.getByText(model.spec.modelCard.intendedUse.slice(0, 40)).first(),
  ).toBeVisible();
  await expect(page.getByText('Lineage').first()).toBeVisible();
  // Lineage nodes: the owner and every dataset are drawn in the graph.
  const graph = page.locator('svg').filter({ hasText: model.metadata.name });
  await expect(graph.first()).toBeVisible();
  for (const dataset of model.spec.datasets) {
    const name = dataset.split('/').pop();
    await expect(graph.first()).toContainText(name);
  }
  await expect(page.getByText(model.spec.version).first()).toBeVisible();
  // Backstage pages scroll inside their own container: grow the window to
  // capture the whole page.
  await page.setViewportSize({ width: 1440, height: 2600 });
  await page.screenshot({
    path: path.join(shots, 'model-page.png'),
    fullPage: true,
  });
  // The cards below the fold scroll inside the page container, which a
  // full-page capture misses: capture the About and Lineage cards themselves.
  for (const [title, file] of [
    ['About this model', 'model-page-about.png'],
    ['Lineage', 'model-page-lineage.png'],
  ]) {
    const card = page
      .getByText(title, { exact: true })
      .first()
      .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]');
    await card.scrollIntoViewIfNeeded();
    await expect(card).toBeVisible();
    await card.screenshot({ path: path.join(shots, file) });
  }
});

test('a model with a reference to a missing entity says so on its page', async ({
  page,
}) => {
  const models = demoModels();
  const dangling = models.find(m =>
    (m.spec.datasets ?? []).some((d: string) =>
      d.includes('returns-labels-v2'),
    ),
  );
  expect(dangling).toBeDefined();
  await signIn(page);
  await page.goto(`/catalog/default/mlmodel/${dangling.metadata.name}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/returns-labels-v2/).first()).toBeVisible({
      timeout: 5_000,
    });
    await expect(
      page.getByText(/not in the catalog|does not exist|missing/i).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await page.screenshot({
    path: path.join(shots, 'model-unresolved-ref.png'),
    fullPage: true,
  });
});
