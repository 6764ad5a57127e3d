/// <reference lib="dom" />
import type { Page } from '@playwright/test';

/**
 * Records every Content-Security-Policy violation the page reports (its `securitypolicyviolation`
 * events, and Chromium's console errors about a refused load), from before the first script runs.
 */
export async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void })
        .__reportCspViolation(`${event.violatedDirective} refused ${event.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}
