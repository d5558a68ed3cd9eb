import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

// The dashboard in a real browser: Debian's chromium (browsers cannot be downloaded here)
// driven by playwright-core, against the real app.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the page (as `npm run build` does) into a folder of its own; served via DASHBOARD_DIR. */
export async function buildDashboard(): Promise<{ dir: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'voltline-web-'));
  await promisify(execFile)(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      dir,
      '--logLevel',
      'warn',
    ],
    { timeout: 60_000 },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Headless chromium with a fresh profile (launch makes a temporary user-data-dir). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and CSP reports the page produced. */
  problems: string[];
  close(): Promise<void>;
}

/** A new browser context (own storage) with the dashboard open, phone-sized if asked. */
export async function openDashboard(
  browser: Browser,
  httpUrl: string,
  options: {
    phone?: boolean;
    session?: { token: string; username: string; expiresAt: number };
  } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext(
    options.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {},
  );
  // a session as the page keeps it after a login (to start with a token made for the test)
  if (options.session)
    await context.addInitScript({
      content: `if (!sessionStorage.getItem('voltline.session')) sessionStorage.setItem('voltline.session', ${JSON.stringify(JSON.stringify(options.session))});`,
    });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  const problems: string[] = [];
  page.on('console', (m) => {
    // a 401 is the expected answer to a wrong password; anything else is a problem
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${httpUrl}/`);
  return { page, problems, close: () => context.close() };
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Waits (with the page's timeout) until the locator's text contains `text`. */
export async function untilText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** The row of one connector in a charger's card (list) or table (charger page). */
export const connectorRow = (page: Page, chargePointId: string, connectorId: number) =>
  page.locator(`[data-charger="${chargePointId}"] tr[data-connector="${connectorId}"]`);

/** The form controls on the page that no label names (their name or id, for the message). */
export const unlabelled = (page: Page): Promise<string[]> =>
  page.evaluate(
    `[...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !el.labels?.length && !el.getAttribute('aria-label'))
      .map((el) => el.name || el.id || el.outerHTML)`,
  ) as Promise<string[]>;
