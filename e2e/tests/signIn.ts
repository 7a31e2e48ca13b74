import { expect, Page } from '@playwright/test';

/**
 * Sign in to the demo portal as one of its users (by display name), the way
 * a visitor does on the sign-in page.
 */
export async function signIn(page: Page, who = 'Ada Lindqvist') {
  await page.goto('/');
  await page.evaluate(() => window.sessionStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: `Sign in as ${who}` }).click();
  await expect(
    page.getByRole('link', { name: 'Models' }).first(),
  ).toBeVisible();
}
