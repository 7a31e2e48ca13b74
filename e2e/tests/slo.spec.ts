import { expect, Locator, Page, test } from '@playwright/test';
import path from 'node:path';
import { demoModels } from './demoCatalog';
import { entityCard, screenshotCard } from './entityCard';
import { signIn } from './signIn';

const shots = path.resolve(__dirname, '../artifacts/screenshots');

// The demo seeds 30 days of SLI counts; this model's first SLO has failed at
// 30× its budget for the last 90 minutes (plugins/mlops-backend/src/slo/
// seedDemoSloMeasurements.ts): a page-level alert fires, so it is Critical.
const MODEL = 'card-fraud-detector';

/** A recharts line or area inside `chart` that was drawn with points. */
async function expectDrawnCurve(chart: Locator, selector: string) {
  const curve = chart.locator(selector).first();
  await expect(curve).toBeAttached();
  // An empty series draws no path data; a 30-day series draws many segments.
  await expect(curve).toHaveAttribute(
    'd',
    /^M[\d.]+,[\d.]+(?:[LC][\d.,]+){10,}/,
  );
}

test('the SLO card of a model burning its budget shows its state, sentence, budget, burn rates and charts', async ({
  page,
}) => {
  const model = demoModels().find(m => m.metadata.name === MODEL);
  const slo = model.spec.slos[0];
  await signIn(page, 'Ada Lindqvist');

  // On a fresh portal the catalog, the seeded history and the first
  // evaluation arrive shortly after start-up.
  const sloCard = entityCard(page, 'Service level objectives');
  await expect(async () => {
    await page.goto(`/catalog/default/mlmodel/${MODEL}`);
    await expect(sloCard.getByTestId('slo-summary')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 150_000, intervals: [3_000] });

  // One tab per SLO, each with its state; the first is the burning one.
  const tabs = sloCard.getByRole('tablist', { name: 'SLOs' });
  await expect(tabs.getByRole('tab')).toHaveCount(model.spec.slos.length);
  const first = tabs.getByRole('tab', { name: new RegExp(slo.name) }).first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first.getByTestId('slo-state')).toHaveText('Critical');

  const details = sloCard.getByTestId('slo-details');
  await expect(details.getByTestId('slo-state')).toHaveText('Critical');
  await expect(details).toContainText(/SLI \d+(\.\d+)?%/);
  await expect(details).toContainText(
    `objective ${+(slo.objective * 100).toFixed(3)}% over`,
  );
  // The sentence says how fast the budget burns and how long it lasts.
  await expect(details.getByTestId('slo-summary')).toHaveText(
    /Burning [\d.]+× faster than the SLO allows over the last (hour|5 minutes).*budget/,
  );

  const budget = details.getByRole('meter', { name: 'Error budget remaining' });
  await expect(budget).toBeVisible();
  const remaining = Number(await budget.getAttribute('aria-valuenow'));
  expect(remaining).toBeLessThan(1);
  await expect(details).toContainText(
    /of the error budget remaining|Budget overspent: −[\d.]+% remaining/,
  );

  // The four multi-window alerts; the fast page alert fires.
  const burnRates = details.getByRole('table', {
    name: `Burn rates of ${slo.name}`,
  });
  const rows = burnRates.getByTestId('burn-rate-row');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText(
    /^Page1h: [\d.]+×5m: [\d.]+×14×Firing$/,
  );
  await expect(rows.filter({ hasText: 'Ticket' })).toHaveCount(2);

  // Both charts drew their series, not just their axes.
  const sliChart = details.getByTestId('slo-sli-chart');
  await expect(sliChart).toContainText(
    `against the objective of ${+(slo.objective * 100).toFixed(3)}%`,
  );
  await expectDrawnCurve(sliChart, 'path.recharts-line-curve');
  await expect(sliChart.locator('.recharts-reference-line')).toHaveCount(1);
  await expectDrawnCurve(
    details.getByTestId('slo-budget-chart'),
    'path.recharts-area-curve',
  );

  // Another SLO of the same model reads on its own tab.
  const other = model.spec.slos[1];
  await tabs.getByRole('tab', { name: new RegExp(other.name) }).click();
  await expect(
    sloCard.getByRole('table', { name: `Burn rates of ${other.name}` }),
  ).toBeVisible();
  await first.click();
  await expect(burnRates).toBeVisible();

  await screenshotCard(page, sloCard, path.join(shots, 'slo-card.png'));
});

test('the Models page has an SLO column and the roll-up ranks teams by their worst SLO', async ({
  page,
}) => {
  const model = demoModels().find(m => m.metadata.name === MODEL);
  await signIn(page, 'Grace Tanaka');

  // The column is answered from the backend's cache: computed shortly after start-up.
  const row = page.getByTestId('model-row').filter({
    has: page.getByRole('link', { name: model.metadata.title, exact: true }),
  });
  await expect(async () => {
    await page.goto('/mlops/models');
    await expect(row.getByTestId('model-slo-chip')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 150_000, intervals: [3_000] });
  const cell = row.getByTestId('slo-cell');
  await expect(cell.getByTestId('slo-state')).toHaveText('Critical');
  await expect(cell).toContainText(/−?\d+% left/);
  // A model without SLOs says so instead of showing a state.
  const withoutSlos = demoModels().find(
    m =>
      !(m.spec.slos?.length > 0) &&
      !m.metadata.annotations?.['mlops-portal.io/openslo-file'],
  );
  const noSloRow = page.getByTestId('model-row').filter({
    has: page.getByRole('link', {
      name: withoutSlos.metadata.title ?? withoutSlos.metadata.name,
      exact: true,
    }),
  });
  await expect(noSloRow.getByTestId('slo-cell')).toHaveText('None');

  await page.getByRole('link', { name: 'SLOs' }).first().click();
  await expect(page).toHaveURL(/\/mlops\/slos$/);
  const teams = page.getByTestId('slo-team');
  await expect(teams.first()).toBeVisible();
  // Every team that owns a model is listed, the worst first.
  const owners = new Set(demoModels().map(m => m.spec.owner));
  await expect(teams).toHaveCount(owners.size);
  const fraud = teams.filter({
    has: page.getByRole('link', { name: /fraud-ml|Fraud/i }),
  });
  await expect(fraud).toHaveCount(1);
  await expect(teams.first().getByTestId('slo-state').first()).toHaveText(
    'Critical',
  );
  const fraudRow = fraud.getByTestId('slo-team-model').filter({
    has: page.getByRole('link', { name: model.metadata.title, exact: true }),
  });
  await expect(fraudRow.getByTestId('slo-state')).toHaveText('Critical');
  await expect(fraudRow).toContainText(`${model.spec.slos[0].name}: critical`);
  // Within a team the worst model comes first.
  await expect(fraud.getByTestId('slo-team-model').first()).toContainText(
    'Critical',
  );

  await page.setViewportSize({ width: 1440, height: 2200 });
  await page.screenshot({
    path: path.join(shots, 'slo-rollup.png'),
    fullPage: true,
  });
});
