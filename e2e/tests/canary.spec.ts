import { expect, Locator, Page, test } from '@playwright/test';
import path from 'node:path';
import { demoModels } from './demoCatalog';
import { entityCard, screenshotCard } from './entityCard';
import { signIn } from './signIn';

const shots = path.resolve(__dirname, '../artifacts/screenshots');

// The demo cluster (packages/kubernetes-emulator/src/demoClusterObjects.ts)
// runs this model's Argo Rollout fraud-ml/fraud-scorer: 3.3.0-rc.1 as a canary
// of 3.2.0, steps 10% → analysis → pause → 25% → analysis → pause → 50% →
// pause. It starts paused after the first passing analysis, at 10%.
const MODEL = 'card-fraud-detector';
const ROLLOUT = 'Rollout fraud-ml/fraud-scorer';
const STEPS = 8;

const traffic = (canary: number) =>
  `Traffic: stable ${100 - canary}%, canary ${canary}%`;

/** Hovers a disabled action and reads the reason its tooltip gives. */
async function expectDisabledWithReason(
  page: Page,
  button: Locator,
  reason: RegExp,
) {
  await expect(button).toBeDisabled();
  // A disabled button gets no pointer events: the tooltip hangs on its wrapper.
  await button.locator('xpath=..').hover();
  await expect(page.getByRole('tooltip')).toHaveText(reason);
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toBeHidden();
}

/**
 * Waits until the panel shows `traffic`. The panel re-reads the rollout by
 * itself only while it is progressing, and the answer to an action is the
 * state before the controller moved on: reload as a user would.
 */
async function reloadUntilVisible(canary: Locator, target: Locator) {
  await expect(async () => {
    await canary
      .getByRole('button', { name: 'Reload', exact: true })
      .first()
      .click();
    await expect(target).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
}

const expectTraffic = (canary: Locator, label: string) =>
  reloadUntilVisible(canary, canary.getByRole('img', { name: label }));

/** Opens an action's confirmation, checks what it says, and confirms it. */
async function confirmAction(
  page: Page,
  canary: Locator,
  action: string,
  consequence: RegExp,
) {
  await canary.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `${action} ${ROLLOUT}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(consequence);
  await expect(dialog).toContainText(/Argo CD/); // the rollout is tracked by an Argo CD application
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(
    canary.getByRole('alert').filter({ hasText: `${action} sent.` }),
  ).toBeVisible();
}

async function screenshot(canary: Locator, name: string) {
  await screenshotCard(canary.page(), canary, path.join(shots, `${name}.png`));
}

test('a canary step is promoted, then the canary is aborted and traffic returns to stable', async ({
  page,
}) => {
  const model = demoModels().find(m => m.metadata.name === MODEL);
  expect(model.spec.deployment.kubernetes).toMatchObject({
    cluster: 'demo-cluster',
    kind: 'Rollout',
    name: 'fraud-scorer',
  });
  const entityPage = `/catalog/default/mlmodel/${MODEL}`;

  // --- Someone outside the owning team sees the actions disabled, with why ---
  await signIn(page, 'Katherine Idowu');
  const canary = entityCard(page, 'Canary rollout');
  await expect(async () => {
    await page.goto(entityPage);
    await expect(canary.getByTestId('traffic-split')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 150_000, intervals: [3_000] });
  // The action that is legal now (Abort, or Retry after an earlier run's abort).
  const aborted = await canary
    .getByText('Aborted', { exact: true })
    .first()
    .isVisible();
  await expectDisabledWithReason(
    page,
    canary.getByRole('button', {
      name: aborted ? 'Retry' : 'Abort',
      exact: true,
    }),
    /^You need the mlops\.rollout\.(abort|promote) permission for this model$/,
  );

  // --- Ada owns the model and may steer its canary --------------------------
  await signIn(page, 'Ada Lindqvist');
  await page.goto(entityPage);
  await expect(canary.getByTestId('traffic-split')).toBeVisible();
  // A rerun finds the canary where an earlier run left it: abort it and
  // start it again, so that it waits at its first pause.
  const phase = canary
    .getByText(/^(Progressing|Paused|Degraded|Aborted|Healthy)$/)
    .first();
  const atFirstPause = canary.getByRole('img', { name: traffic(10) });
  if (
    (await phase.textContent()) !== 'Paused' ||
    !(await atFirstPause.isVisible())
  ) {
    if ((await phase.textContent()) !== 'Aborted') {
      await confirmAction(page, canary, 'Abort', /All traffic goes back/);
      await reloadUntilVisible(
        canary,
        canary.getByText('Aborted', { exact: true }).first(),
      );
    }
    await confirmAction(
      page,
      canary,
      'Retry',
      /starts again from the first step/,
    );
  }
  await expectTraffic(canary, traffic(10));
  await reloadUntilVisible(
    canary,
    canary.getByText(`Step 3 of ${STEPS}: Pause`, { exact: true }),
  );
  await expect(phase).toHaveText('Paused');
  await expect(canary.getByTestId('step-progress')).toHaveText(
    `Step 3 of ${STEPS}: Pause`,
  );
  await expect(canary.getByTestId('pause-reason')).toBeVisible();
  await expect(canary).toContainText('Canary 3.3.0-rc.1: 10%');
  await expect(canary).toContainText('Stable 3.2.0: 90%');
  // Retry is not legal while the canary runs: disabled, and the tooltip says why.
  await expectDisabledWithReason(
    page,
    canary.getByRole('button', { name: 'Retry', exact: true }),
    /^Only an aborted rollout can be retried$/,
  );
  await screenshot(canary, 'canary-before');

  // --- Promote: the canary goes on to its next weight, analysis and pause ---
  await confirmAction(
    page,
    canary,
    'Promote',
    /3\.3\.0-rc\.1 moves on to the next step of the rollout\./,
  );
  await expectTraffic(canary, traffic(25));
  await reloadUntilVisible(
    canary,
    canary.getByText(`Step 6 of ${STEPS}: Pause`, { exact: true }),
  );
  await expect(phase).toHaveText('Paused');
  await expect(canary).toContainText('Canary 3.3.0-rc.1: 25%');
  await expect(canary).toContainText('Stable 3.2.0: 75%');
  await screenshot(canary, 'canary-promoted');

  // --- Abort: all traffic goes back to the stable version --------------------
  await confirmAction(
    page,
    canary,
    'Abort',
    /All traffic goes back to 3\.2\.0; 3\.3\.0-rc\.1 stays deployed but serves nothing\./,
  );
  await expectTraffic(canary, traffic(0));
  await expect(phase).toHaveText('Aborted', { timeout: 60_000 });
  await expect(canary).toContainText('Stable 3.2.0: 100%');
  // Once aborted, promoting is no longer legal; retrying is.
  await expect(
    canary.getByRole('button', { name: 'Retry', exact: true }),
  ).toBeEnabled();
  await expectDisabledWithReason(
    page,
    canary.getByRole('button', { name: 'Promote', exact: true }),
    /^The rollout was aborted; retry it before promoting$/,
  );
  await screenshot(canary, 'canary-aborted');

  // The state is the cluster's, not the page's: a reload shows the same.
  await page.reload();
  await expect(canary.getByRole('img', { name: traffic(0) })).toBeVisible();
  await expect(phase).toHaveText('Aborted');
});
