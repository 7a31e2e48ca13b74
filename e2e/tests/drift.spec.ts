import { expect, Locator, Page, test } from '@playwright/test';
import path from 'node:path';
import { demoModels } from './demoCatalog';
import { entityCard, screenshotCard } from './entityCard';
import { signIn } from './signIn';

const shots = path.resolve(__dirname, '../artifacts/screenshots');

// The demo seeds a reference and 14 daily windows for four models
// (plugins/mlops-backend/src/drift/seedDemoDrift.ts). This one sees a
// partner marketplace's payments arrive over its last five windows: in the
// latest, the merchant-mix features below drift and the rest stay stable.
const MODEL = 'card-fraud-detector';
const WINDOWS = 14;
const DRIFTED_FEATURES = [
  'amount_eur',
  'card_present',
  'currency',
  'entry_mode',
  'hour_of_day_local',
  'merchant_category_code',
  'merchant_country',
  'txn_amount_sum_24h',
];

/** The names the card gives the drift tests (driftPresentation.ts). */
const TEST_LABELS =
  /^(Kolmogorov–Smirnov|Chi-square|Z-test \(proportions\)|Wasserstein \(normed\)|Jensen–Shannon|PSI)( \(asymptotic\))?$/;

test('the drift card of a drifting model shows the drifted features, their tests, a distribution and the trend', async ({
  page,
}) => {
  const model = demoModels().find(m => m.metadata.name === MODEL);
  const features: Array<{ name: string; type: string }> = model.spec.features;
  await signIn(page, 'Ada Lindqvist');

  // On a fresh portal the demo drift is seeded once the catalog has the model.
  const driftCard = entityCard(page, 'Data drift');
  await expect(async () => {
    await page.goto(`/catalog/default/mlmodel/${MODEL}`);
    await expect(driftCard.getByTestId('drift-verdict')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 150_000, intervals: [3_000] });

  // The dataset verdict of the latest window.
  const verdict = driftCard.getByTestId('drift-verdict');
  await expect(
    verdict.getByText('Dataset drift', { exact: true }),
  ).toBeVisible();
  const counts = (await verdict.textContent())!.match(
    /(\d+) of (\d+) features drifted \((\d+)%; the dataset drifts at (\d+)%\)/,
  );
  expect(
    counts,
    'the verdict names drifted and compared features',
  ).not.toBeNull();
  const [drifted, compared, share, threshold] = counts!.slice(1).map(Number);
  expect(drifted).toBe(DRIFTED_FEATURES.length);
  expect(compared).toBe(features.length);
  expect(share).toBeGreaterThanOrEqual(threshold);
  await expect(verdict).toContainText(
    /Window .* UTC · 300 rows \(raw\) · reference 800 rows/,
  );

  // One row per feature, drifted first, each with its test and statistic.
  const table = driftCard.getByRole('table', { name: 'Drift per feature' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(features.length);
  const driftedRows = rows.filter({
    has: page.getByText('Drift', { exact: true }),
  });
  await expect(driftedRows).toHaveCount(drifted);
  for (let i = 0; i < drifted; i++) {
    const cells = rows.nth(i).getByRole('cell');
    await expect(cells.nth(4)).toHaveText('Drift');
    await expect(cells.nth(1)).toHaveText(TEST_LABELS);
    await expect(cells.nth(2)).toHaveText(/^(-?\d|∞)/);
    await expect(cells.nth(3)).toHaveText(/^(p = .+ \(α .+\)|threshold .+)$/);
    await expect(cells.nth(5)).toHaveText(/^800 \/ 300$/);
  }
  const driftedNames = await driftedRows
    .locator('td:first-child')
    .allTextContents();
  expect(driftedNames.sort()).toEqual(DRIFTED_FEATURES);
  if (drifted < features.length) {
    await expect(rows.nth(drifted).getByRole('cell').nth(4)).toHaveText(
      'No drift',
    );
  }

  // The first drifted feature is plotted; choosing another plots that one.
  const distribution = driftCard.getByTestId('drift-distribution');
  const firstName = (await rows
    .first()
    .getByRole('cell')
    .first()
    .textContent())!;
  await expect(distribution).toContainText(`${firstName}: share per`);
  const chosen = rows.nth(Math.min(1, drifted - 1));
  const choice = (await chosen.getByRole('cell').first().textContent())!;
  await chosen.click();
  await expect(chosen).toHaveAttribute('aria-selected', 'true');
  await expect(distribution).toContainText(`${choice}: share per`);
  // Reference and current bars, one pair per bin or category.
  const bars = distribution.locator('.recharts-bar-rectangle');
  await expect(bars.first()).toBeVisible();
  expect(await bars.count()).toBeGreaterThanOrEqual(4);
  await expect(distribution.locator('.recharts-legend-item')).toHaveText([
    'Reference',
    'Current window',
  ]);

  // The share of drifted features over the windows, against the dataset line.
  const trend = driftCard.getByTestId('drift-trend');
  await expect(trend).toContainText(
    `Share of drifted features, last ${WINDOWS} windows (dataset drifts at ${threshold}%)`,
  );
  await expect(trend.locator('.recharts-line-dot')).toHaveCount(WINDOWS);
  await expect(trend.locator('.recharts-reference-line')).toHaveCount(1);

  await screenshotCard(page, driftCard, path.join(shots, 'drift-card.png'));

  // The canary's version (3.3.0-rc.1) scores the same traffic in shadow and
  // drifts the same way: the gate of its full promotion says so.
  await expect(
    entityCard(page, 'Canary rollout').getByTestId('rollout-gate'),
  ).toContainText(
    `Drift flagged for 3.3.0-rc.1: ${DRIFTED_FEATURES.length} of ${features.length} features drifted`,
    { timeout: 30_000 },
  );

  // The Models page's Drift column shows the same verdict.
  await page.goto('/mlops/models');
  const row = page.getByTestId('model-row').filter({
    has: page.getByRole('link', { name: model.metadata.title, exact: true }),
  });
  await expect(row.getByTestId('drift-cell')).toHaveText(
    `Drift ${drifted}/${compared}`,
  );
  // A stable demo model reads Stable.
  const stable = demoModels().find(
    m => m.metadata.name === 'store-demand-forecaster',
  );
  const stableRow = page.getByTestId('model-row').filter({
    has: page.getByRole('link', { name: stable.metadata.title, exact: true }),
  });
  await expect(stableRow.getByTestId('drift-cell')).toHaveText('Stable');
});
