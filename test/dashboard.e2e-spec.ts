import type { Browser } from 'playwright-core';
import { SessionRegistry } from '../src/modules/realtime/session-registry.js';
import { startApp, type TestApp } from './helpers/app.js';
import {
  buildDashboard,
  connectorRow,
  launchBrowser,
  logIn,
  openDashboard,
  untilText,
} from './helpers/browser.js';
import { connectCharger, type OcppTestClient } from './helpers/charger.js';
import {
  aBootNotificationRequest,
  aMeterValuesRequest,
  aStartTransactionRequest,
  aStatusNotificationRequest,
} from './helpers/ocpp-builders.js';
import {
  currentSeq,
  mintToken,
  nextTimestamp,
  range,
  registerChargePoint,
  until,
} from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// Issue 14: the dashboard at /, driven in headless chromium against the real app and a real
// OCPP client. SQLite only: the page sees the server through REST and /ws/users, whose
// behaviour on both databases the REST and realtime suites cover.

type Handler = (params: Record<string, unknown>) => unknown;

/** A booted charger that records the CALLs it gets and answers them with `handlers`. */
async function charger(t: TestApp, id: string, handlers: Record<string, Handler> = {}) {
  const cp = (await connectCharger(t.wsUrl, id)) as OcppTestClient & {
    handle(action: string, h: (call: { params: Record<string, unknown> }) => unknown): void;
  };
  const received: Array<{ action: string; params: Record<string, unknown> }> = [];
  for (const [action, h] of Object.entries(handlers))
    cp.handle(action, ({ params }) => {
      received.push({ action, params });
      return h(params);
    });
  await cp.call('BootNotification', aBootNotificationRequest());
  const status = (status: string, connectorId = 1) =>
    cp.call(
      'StatusNotification',
      aStatusNotificationRequest({ connectorId, status, timestamp: nextTimestamp() }),
    );
  await status('Available');
  return { cp, received, status };
}

describe('the dashboard in a browser', () => {
  let t: TestApp;
  let web: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let admin: string;
  let owner: TestUser;
  let operator: TestUser;
  let viewer: TestUser;
  let n = 0;
  const nextId = () => `CP_WEB_${++n}`;

  beforeAll(async () => {
    web = await buildDashboard();
    t = await startApp('sqlite', { ...restEnv, DASHBOARD_DIR: web.dir });
    browser = await launchBrowser();
    admin = await login(t, ADMIN.username, ADMIN.password);
    owner = await createUser(t, admin, 'web-owner');
    operator = await createUser(t, admin, 'web-operator');
    viewer = await createUser(t, admin, 'web-viewer');
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    web?.remove();
  });

  const grant = (id: string, userId: string, level: 'view' | 'operate') =>
    api(t)
      .post(`/api/v1/charge-points/${id}/grants`)
      .set(bearer(owner.token))
      .send({ userId, level })
      .expect(201);

  it('serves the page at / under a strict Content-Security-Policy', async () => {
    const page = await api(t).get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers['cache-control']).toBe('no-cache');

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await api(t).get(script as string);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-security-policy']).toBe(csp);
    expect(asset.headers['cache-control']).toContain('immutable');
    // the rest is untouched: Swagger UI (inline scripts) keeps its page without this policy
    const docs = await api(t).get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
  });

  it("logs in and shows the user's chargers change live, on a phone-sized screen", async () => {
    const id = nextId();
    await registerChargePoint(t, admin, id, owner.id);
    const { cp, status } = await charger(t, id);
    const { page, problems, close } = await openDashboard(browser, t.httpUrl, { phone: true });
    try {
      await logIn(page, owner.username, 'not-the-password');
      await untilText(page.getByRole('alert'), 'Wrong username or password.');
      await logIn(page, owner.username, `${owner.username}-password`);
      await page.getByRole('heading', { name: 'My chargers' }).waitFor();
      await untilText(page.getByTestId('connection'), 'Live');
      const row = connectorRow(page, id, 1);
      await untilText(row, 'Available');
      await untilText(page.locator(`[data-charger="${id}"] [data-field="online"]`), 'Online');

      // each change reaches the page from the charger's message, no reload
      let sent = Date.now();
      await status('Charging');
      await untilText(row.locator('[data-field="status"]'), 'Charging');
      const statusMs = Date.now() - sent;
      sent = Date.now();
      await cp.call('MeterValues', aMeterValuesRequest());
      await untilText(row.locator('[data-field="power"]'), '7.2 kW');
      const powerMs = Date.now() - sent;
      console.log(`dashboard: status shown ${statusMs} ms, power ${powerMs} ms after the call`);

      await cp.close();
      await untilText(page.locator(`[data-charger="${id}"] [data-field="online"]`), 'Offline');

      // nothing wider than the phone's screen
      const overflow = await page.evaluate('document.documentElement.scrollWidth - innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      // no CSP violation, no script error
      expect(problems).toEqual([]);

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByLabel('Username').waitFor();
      await page.reload();
      await page.getByLabel('Username').waitFor(); // the token went with the log-out
    } finally {
      await close();
    }
  });

  it('lets an operator start and stop a charge; a viewer sees no buttons and loses the charger when the grant is revoked', async () => {
    const id = nextId();
    await registerChargePoint(t, admin, id, owner.id);
    await grant(id, operator.id, 'operate');
    await grant(id, viewer.id, 'view');
    const { cp, received } = await charger(t, id, {
      RemoteStartTransaction: () => ({ status: 'Accepted' }),
      RemoteStopTransaction: () => ({ status: 'Accepted' }),
      UnlockConnector: () => ({ status: 'UnlockFailed' }),
    });
    const op = await openDashboard(browser, t.httpUrl);
    const view = await openDashboard(browser, t.httpUrl);
    try {
      await logIn(op.page, operator.username, `${operator.username}-password`);
      await op.page.getByRole('link', { name: id }).click();
      await untilText(op.page.locator('[data-field="access"]'), 'operate');

      const start = op.page.getByRole('group', { name: 'Start charging' });
      await start.getByLabel('Connector', { exact: true }).selectOption('1');
      await start.getByLabel('Id tag').fill('TAG-WEB');
      await op.page.getByRole('button', { name: 'Start', exact: true }).click();
      await until(() => received.length === 1, 'RemoteStartTransaction at the charger');
      expect(received[0]).toEqual({
        action: 'RemoteStartTransaction',
        params: { connectorId: 1, idTag: 'TAG-WEB' },
      });
      const commands = op.page.getByTestId('commands');
      await untilText(commands.locator('[data-command="start-transaction"]'), 'Accepted');

      // the charger follows up as chargers do; the page shows the transaction
      const { transactionId } = await cp.call(
        'StartTransaction',
        aStartTransactionRequest({ idTag: 'TAG-WEB', timestamp: nextTimestamp() }),
      );
      const row = connectorRow(op.page, id, 1);
      await untilText(row.locator('[data-field="transaction"]'), `#${transactionId}`);

      await op.page
        .getByRole('button', { name: `Stop transaction ${transactionId} on connector 1` })
        .click();
      await until(() => received.length === 2, 'RemoteStopTransaction at the charger');
      expect(received[1]).toEqual({ action: 'RemoteStopTransaction', params: { transactionId } });
      await untilText(commands.locator('[data-command="stop-transaction"]'), 'Accepted');

      // the charger's own answer, whatever it is, is what the page shows
      await op.page
        .getByRole('group', { name: 'Unlock a connector' })
        .getByRole('button', { name: 'Unlock' })
        .click();
      await until(() => received.length === 3, 'UnlockConnector at the charger');
      expect(received[2]).toEqual({ action: 'UnlockConnector', params: { connectorId: 1 } });
      await untilText(commands.locator('[data-command="unlock-connector"]'), 'UnlockFailed');
      expect(op.problems).toEqual([]);
      // sharing is the owner's: an operator does not get it
      expect(await op.page.getByRole('heading', { name: 'Shared with' }).count()).toBe(0);

      // a view grant: the page, no actions
      await logIn(view.page, viewer.username, `${viewer.username}-password`);
      await view.page.getByRole('link', { name: id }).click();
      await untilText(view.page.locator('[data-field="access"]'), 'view only');
      expect(await view.page.getByRole('heading', { name: 'Actions', exact: true }).count()).toBe(
        0,
      );
      expect(await view.page.getByRole('button', { name: 'Start', exact: true }).count()).toBe(0);

      // revoked while the page is open: the charger goes, and the page says why
      await api(t)
        .delete(`/api/v1/charge-points/${id}/grants/${viewer.id}`)
        .set(bearer(owner.token))
        .expect(204);
      await untilText(view.page.getByRole('alert'), `Your access to ${id} was withdrawn.`);
      await view.page.getByText('This charger is not available to you.').waitFor();
      await view.page.getByRole('link', { name: 'Back to my chargers' }).click();
      await view.page.getByText('No charger to show.').waitFor();
    } finally {
      await op.close();
      await view.close();
      await cp.close();
    }
  });

  it('lets the owner share a charger, change what the grantee may do, and revoke it', async () => {
    const id = nextId();
    await registerChargePoint(t, admin, id, owner.id);
    const grants = async () =>
      (await api(t).get(`/api/v1/charge-points/${id}/grants`).set(bearer(owner.token)).expect(200))
        .body.items as Array<{ username: string; level: string }>;
    const { page, problems, close } = await openDashboard(browser, t.httpUrl);
    try {
      await logIn(page, owner.username, `${owner.username}-password`);
      await page.getByRole('link', { name: id }).click();
      await page.getByText('Nobody else.').waitFor();

      const share = page.getByRole('group', { name: 'Share this charger' });
      await share.getByLabel('User id').fill(viewer.id);
      await share.getByLabel('May').selectOption('view');
      await share.getByRole('button', { name: 'Share' }).click();
      const row = page.locator(`tr[data-grantee="${viewer.username}"]`);
      await untilText(row.locator('[data-field="level"]'), 'view');
      expect(await grants()).toMatchObject([{ username: viewer.username, level: 'view' }]);

      await row.getByRole('button', { name: `Let ${viewer.username} operate` }).click();
      await untilText(row.locator('[data-field="level"]'), 'view and operate');
      expect(await grants()).toMatchObject([{ username: viewer.username, level: 'operate' }]);

      await row.getByRole('button', { name: `Revoke ${viewer.username}` }).click();
      await page.getByText('Nobody else.').waitFor();
      expect(await grants()).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reconnects after losing its connection and resumes without a gap', async () => {
    const id = nextId();
    await registerChargePoint(t, admin, id, owner.id);
    const { cp, status } = await charger(t, id);
    const { page, problems, close } = await openDashboard(browser, t.httpUrl);
    try {
      await logIn(page, owner.username, `${owner.username}-password`);
      await page.getByRole('link', { name: id }).click();
      await untilText(connectorRow(page, id, 1), 'Available');
      const before = await currentSeq(t, owner.token, id);

      // the server drops the page's session (as on a restart); the charger carries on
      for (const s of t.app.get(SessionRegistry).ofUser(owner.id)) s.close(1012, 'test');
      await untilText(page.getByTestId('connection'), 'Reconnecting');
      await status('Preparing');
      await status('Charging');
      await status('SuspendedEV');
      const after = await currentSeq(t, owner.token, id);
      expect(after).toBe(before + 3);

      await untilText(page.getByTestId('connection'), `resumed from seq`);
      await untilText(connectorRow(page, id, 1).locator('[data-field="status"]'), 'SuspendedEV');
      // every event shown once, in order, none missing; no fresh snapshot was needed
      const seqs = await page
        .getByTestId('events')
        .locator('li[data-seq]:not([data-seq=""])')
        .evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-seq'))));
      const events = seqs.filter((s) => s > before);
      expect(events).toEqual(range(before + 1, after).reverse());
      expect(await page.getByTestId('events').getByText('Fresh snapshot').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
      await cp.close();
    }
  });

  it('returns to the login form, saying why, when the token expires', async () => {
    const token = mintToken({ id: owner.id, username: owner.username }, 3);
    const { page, close } = await openDashboard(browser, t.httpUrl, {
      // the page believes the token good for an hour: the server's 4401 close must tell it
      session: { token, username: owner.username, expiresAt: Date.now() + 3_600_000 },
    });
    try {
      // whether the server closes the session (4401) or, on a slow start, refuses its
      // handshake (the page then asks REST about the token), the page ends up here
      await page.getByRole('heading', { name: 'My chargers' }).waitFor();
      await page
        .getByText('Your session has expired. Please log in again.')
        .waitFor({ timeout: 15_000 });
      await page.getByLabel('Username').waitFor();
    } finally {
      await close();
    }
  });
});
