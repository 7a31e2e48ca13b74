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
