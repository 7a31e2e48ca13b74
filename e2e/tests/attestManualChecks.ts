import { expect, Page } from '@playwright/test';

/**
 * On a review page, attests every manual check through its dialog, one after
 * the other, with the evidence link and comment made from the check's title.
 * Expects exactly `count` checks waiting for attestation.
 */
export async function attestManualChecks(
  page: Page,
  options: {
    count: number;
    evidenceUrl: (label: string) => string;
    comment: (label: string) => string;
  },
) {
  const attestButtons = page.getByRole('button', { name: /^Attest / });
  await expect(attestButtons).toHaveCount(options.count);
  for (let i = 0; i < options.count; i++) {
    const next = attestButtons.first();
    const label = (await next.getAttribute('aria-label'))!.replace(
      /^Attest /,
      '',
    );
    await next.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`Attest: ${label}`);
    await dialog.getByLabel('Evidence URL').fill(options.evidenceUrl(label));
    await dialog.getByLabel('Comment').fill(options.comment(label));
    await dialog.getByRole('button', { name: 'Attest', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(attestButtons).toHaveCount(options.count - i - 1);
  }
}
