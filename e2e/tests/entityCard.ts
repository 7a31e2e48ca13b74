import { Locator, Page } from '@playwright/test';

/**
 * An info card of an entity page, by its title: the nearest element around
 * the title that also holds the divider between the card's header and its
 * content.
 */
export function entityCard(page: Page, title: string): Locator {
  return page
    .getByText(title, { exact: true })
    .first()
    .locator('xpath=ancestor::*[./hr][1]');
}

/**
 * Saves a picture of one card. Backstage pages scroll inside their own
 * container, which crops element pictures taller than the window or below
 * it: the window grows to hold the whole page first.
 */
export async function screenshotCard(page: Page, card: Locator, file: string) {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: 8000 });
  await card.screenshot({ path: file });
  await page.setViewportSize(viewport);
}
