import type { Browser } from 'playwright-core';
import { startApp, type TestApp } from './helpers/app.js';
import {
  buildDashboard,
  launchBrowser,
  logIn,
  openDashboard,
  unlabelled,
  untilText,
} from './helpers/browser.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import {
  aBootNotificationRequest,
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStopTransactionRequest,
} from './helpers/ocpp-builders.js';
import { grantAccess, registerChargePoint } from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// Issue 14, a charger's history on its page: the transactions (paged, idTag as the API gives it
// to the caller) and power over longer ranges from the meter history route. SQLite only, as the
// other dashboard suite: the routes themselves are covered on both databases.

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe("the dashboard's charger history, in a browser", () => {
  let t: TestApp;
  let web: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let owner: TestUser;
  let viewer: TestUser;
  let cp: OcppTestClient;
  const CP = 'CP_WEB_HIST';
  const ids: number[] = [];

  /** A transaction that ran 90 minutes, `hoursAgo` hours ago, and 7.5 kWh. */
  const completed = async (startMs: number, meterStart: number, reason = 'EVDisconnected') => {
    const { transactionId } = (await cp.call(
      'StartTransaction',
      aStartTransactionRequest({ idTag: 'TAG-HIST', meterStart, timestamp: iso(startMs) }),
    )) as { transactionId: number };
    await cp.call(
      'StopTransaction',
      aStopTransactionRequest(transactionId, {
        idTag: 'TAG-HIST',
        meterStop: meterStart + 7500,
        timestamp: iso(startMs + 1.5 * HOUR),
        reason,
      }),
    );
    ids.push(transactionId);
    return transactionId;
  };

  beforeAll(async () => {
    web = await buildDashboard();
    t = await startApp('sqlite', { ...restEnv, DASHBOARD_DIR: web.dir });
    browser = await launchBrowser();
    const admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'hist-web-owner');
    viewer = await createUser(t, admin, 'hist-web-viewer');
    await registerChargePoint(t, admin, CP, owner.id);
    await grantAccess(t, owner.token, CP, viewer.id);
    await api(t)
      .post('/api/v1/id-tags')
      .set(bearer(admin))
      .send({ idTag: 'TAG-HIST', userId: owner.id })
      .expect(201);
    cp = await connectCharger(t.wsUrl, CP);
    await cp.call('BootNotification', aBootNotificationRequest());
    // six finished transactions, two hours apart, the last one stopped by the driver
    const now = Date.now();
    for (let i = 0; i < 6; i++)
      await completed(now - (14 - 2 * i) * HOUR, 10_000 * i, i === 5 ? 'Local' : 'EVDisconnected');
    // power three hours ago (in the last 24 hours) and three days ago (only in the last 7 days)
    const reading = (at: number, kW: string) =>
      cp.call(
        'MeterValues',
        aMeterValuesRequest({
          meterValue: [
            {
              timestamp: iso(at),
              sampledValue: [{ value: kW, measurand: 'Power.Active.Import', unit: 'kW' }],
            },
          ],
        }),
      );
    await reading(now - 3 * HOUR, '11');
    await reading(now - 72 * HOUR, '3.7');
  }, 90_000);
  afterAll(async () => {
    await cp?.close();
    await browser?.close();
    await t?.close();
    web?.remove();
  });

  it("shows the charger's transactions, paged, and a new one as soon as it ends; on a phone", async () => {
    const { page, problems, close } = await openDashboard(browser, t.httpUrl, { phone: true });
    try {
      await logIn(page, owner.username, `${owner.username}-password`);
      await page.getByRole('link', { name: CP }).click();
      const history = page.getByRole('region', { name: 'Transactions' });
      const rows = history.locator('tbody tr[data-transaction]');
      const newest = ids[5];
      const row = history.locator(`tr[data-transaction="${newest}"]`);
      await untilText(row.locator('[data-field="energy"]'), '7.50 kWh');
      await untilText(row.locator('[data-field="duration"]'), '1 h 30 min');
      await untilText(row.locator('[data-field="stop-reason"]'), 'Local');
      await untilText(row.locator('[data-field="id-tag"]'), 'TAG-HIST');
      // newest first, one page of five, then the rest
      expect(
        await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-transaction'))),
      ).toEqual(ids.slice(1).reverse().map(String));
      await history.getByRole('button', { name: 'More transactions' }).click();
      await history.locator(`tr[data-transaction="${ids[0]}"]`).waitFor();
      expect(await rows.count()).toBe(6);
      expect(await history.getByRole('button', { name: 'More transactions' }).count()).toBe(0);

      // one that starts and stops now appears on its own, at the top, no reload
      const started = (await cp.call(
        'StartTransaction',
        aStartTransactionRequest({
          idTag: 'TAG-HIST',
          meterStart: 90_000,
          timestamp: iso(Date.now()),
        }),
      )) as { transactionId: number };
      await cp.call(
        'StopTransaction',
        aStopTransactionRequest(started.transactionId, {
          idTag: 'TAG-HIST',
          meterStop: 91_250,
          timestamp: iso(Date.now()),
          reason: 'Remote',
        }),
      );
      const live = history.locator(`tr[data-transaction="${started.transactionId}"]`);
      await untilText(live.locator('[data-field="energy"]'), '1.25 kWh');
      await untilText(live.locator('[data-field="stop-reason"]'), 'Remote');
      expect(await rows.first().getAttribute('data-transaction')).toBe(
        String(started.transactionId),
      );

      const overflow = await page.evaluate('document.documentElement.scrollWidth - innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('hides the idTag from a viewer, as the API does', async () => {
    const { page, problems, close } = await openDashboard(browser, t.httpUrl);
    try {
      await logIn(page, viewer.username, `${viewer.username}-password`);
      await page.getByRole('link', { name: CP }).click();
      const row = page
        .getByRole('region', { name: 'Transactions' })
        .locator(`tr[data-transaction="${ids[5]}"]`);
      await untilText(row.locator('[data-field="energy"]'), '7.50 kWh');
      await untilText(row.locator('[data-field="id-tag"]'), 'not shown');
      expect(await row.textContent()).not.toContain('TAG-HIST');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('draws power over longer ranges from the meter history, in buckets, also as a table', async () => {
    const { page, problems, close } = await openDashboard(browser, t.httpUrl);
    try {
      await logIn(page, owner.username, `${owner.username}-password`);
      await page.getByRole('link', { name: CP }).click();
      const history = page.getByRole('region', { name: 'Power history' });
      // the last 24 hours by default, in 15-minute buckets: the 11 kW, not the 3.7 kW
      await untilText(history.getByRole('status'), 'last 24 hours, 15-minute averages');
      await history.getByText('Show as a table').click();
      const table = history.getByRole('table');
      await untilText(table.locator('tr[data-connector="1"] [data-field="power"]'), '11.0 kW');
      expect(await table.textContent()).not.toContain('3.7 kW');
      expect(await history.getByRole('img').getAttribute('aria-label')).toContain('peak 11.0 kW');

      // seven days, hourly: both
      await history.getByLabel('Range').selectOption({ label: 'Last 7 days' });
      await untilText(history.getByRole('status'), 'last 7 days, hourly averages');
      await untilText(table, '3.7 kW');
      await untilText(table, '11.0 kW');
      expect(await unlabelled(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
