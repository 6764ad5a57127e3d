/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { KEYS, startKeyedGateway, type KeyedGateway } from '../../support/access.js';
import { recordCspViolations } from '../../support/csp.js';

// Swagger UI under the gateway's security headers (helmet, its /docs CSP), on a gateway with API
// keys: the page loads and works without a single CSP violation, shows "Authorize", and "Try it
// out" executes a protected request: 401 before authorizing, 200 after.
let keyed: KeyedGateway;

test.beforeAll(async () => {
  keyed = await startKeyedGateway();
});
test.afterAll(async () => {
  await keyed?.stop();
});

/** Expands GET /orders, presses "Try it out" and "Execute", and returns the live status cell. */
async function tryListOrders(page: Page) {
  const block = page.locator('.opblock').filter({ has: page.locator('.opblock-summary-path[data-path="/orders"]') })
    .filter({ has: page.locator('.opblock-summary-method', { hasText: /^GET$/ }) });
  if (!(await block.locator('.opblock-body').isVisible())) await block.locator('.opblock-summary').click();
  const tryIt = block.getByRole('button', { name: 'Try it out' });
  if (await tryIt.isVisible()) await tryIt.click();
  await block.getByRole('button', { name: 'Execute' }).click();
  return block.locator('.live-responses-table tr.response .response-col_status');
}

test('the page sends its CSP and loads with no violation; "Authorize" takes a key and "Try it out" uses it', async ({ page }) => {
  // About 15 s on a quiet machine (two executions and a dialog); 30 s was seen to run out under load.
  test.setTimeout(90_000);
  const violations = await recordCspViolations(page);
  const response = await page.goto(`${keyed.baseUrl}/docs/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.locator('.opblock').first()).toBeVisible();

  const authorize = page.locator('.auth-wrapper .btn.authorize');
  await expect(authorize).toBeVisible();
  await expect(authorize).toHaveText(/Authorize/);

  await expect(await tryListOrders(page)).toHaveText('401');

  await authorize.click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  await dialog.locator('input[type="text"], input[type="password"]').first().fill(KEYS.reader);
  await dialog.getByRole('button', { name: 'Apply credentials' }).click();
  await expect(dialog.getByRole('button', { name: 'Remove authorization' })).toBeVisible();
  await dialog.locator('button.btn-done').click();

  await expect(await tryListOrders(page)).toHaveText('200');
  expect(violations).toEqual([]);

  // The recorder does see a violation: an image from another origin (loopback) is refused.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'http://127.0.0.2:9/x.png' })));
  await expect.poll(() => violations.some((v) => v.includes('img-src'))).toBe(true);
});
