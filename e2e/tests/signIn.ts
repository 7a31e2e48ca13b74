import { expect, Page } from '@playwright/test';

/** The demo signs everyone in as a guest (Ada); click through once. */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await expect(page.getByRole('link', { name: 'Models' }).first()).toBeVisible();
}
