import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from './helpers/app.js';
import {
  buildDashboard,
  launchBrowser,
  logIn,
  openDashboard,
  type OpenedPage,
  unlabelled,
  untilText,
} from './helpers/browser.js';
import { connectCharger } from './helpers/charger.js';
import { registerChargePoint } from './helpers/realtime.js';
import { ADMIN, api, bearer, createUser, login, restEnv, type TestUser } from './helpers/rest.js';

// Issue 14, the admin screens: users, chargers and id tags through the operator API, shown to
// admins only. Each change made on the page is checked through the API. SQLite only, as the
// other dashboard suites: the routes themselves are covered on both databases.

const USERS_PAGE = 20;

describe('the dashboard admin screens, in a browser', () => {
  let t: TestApp;
  let web: Awaited<ReturnType<typeof buildDashboard>>;
  let browser: Browser;
  let admin: string;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    web = await buildDashboard();
    t = await startApp('sqlite', { ...restEnv, DASHBOARD_DIR: web.dir });
    browser = await launchBrowser();
    admin = await login(t, ADMIN.username, ADMIN.password);
    alice = await createUser(t, admin, 'adm-alice');
    bob = await createUser(t, admin, 'adm-bob');
    // one more than a page of users whose names start alike
    for (let i = 0; i <= USERS_PAGE; i++)
      await api(t)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: `bulk-${String(i).padStart(2, '0')}`, password: 'bulk-password' })
        .expect(201);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    web?.remove();
  });

  const asAdmin = async (
    screen: 'Users' | 'Chargers' | 'Id tags',
    phone = false,
  ): Promise<OpenedPage> => {
    const opened = await openDashboard(browser, t.httpUrl, { phone });
    await logIn(opened.page, ADMIN.username, ADMIN.password);
    await opened.page.getByRole('link', { name: 'Admin' }).click();
    await opened.page
      .getByRole('navigation', { name: 'Admin' })
      .getByRole('link', { name: screen })
      .click();
    await opened.page.getByRole('heading', { name: screen, level: 1 }).waitFor();
    return opened;
  };
  const status = (page: Page) => page.getByTestId('admin-status');
  const loginStatus = async (username: string, password: string) =>
    (await api(t).post('/api/v1/auth/login').send({ username, password })).status;

  it('shows no admin screen to a user who is not an admin', async () => {
    const { page, problems, close } = await openDashboard(browser, t.httpUrl);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    try {
      await logIn(page, alice.username, `${alice.username}-password`);
      await page.getByRole('heading', { name: 'My chargers' }).waitFor();
      expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      await page.goto(`${t.httpUrl}/#/admin/users`);
      await page.getByText('Only admins manage users, chargers and id tags.').waitFor();
      expect(await page.getByRole('heading', { name: 'Users' }).count()).toBe(0);
      expect(problems).toEqual([]); // not even a 403: the page asks nothing it may not
      // nor downloads the admin screens' code (a chunk of its own)
      expect(scripts.filter((u) => /\/assets\/admin-/.test(u))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lists users a page at a time, searches them, creates one, disables, enables, changes the role and resets a password; on a phone', async () => {
    const opened = await openDashboard(browser, t.httpUrl, { phone: true });
    const { page, problems, close } = opened;
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    try {
      await logIn(page, ADMIN.username, ADMIN.password);
      expect(scripts).toEqual([]); // the page's own script came with the page
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      expect(scripts).toEqual([expect.stringMatching(/\/assets\/admin-[\w-]+\.js$/)]);
      const rows = page.locator('tr[data-user]');

      // search by prefix; a page, then the rest
      await page.getByLabel('Search users').fill('bulk-');
      await untilText(page.getByTestId('list-caption'), 'Users whose name starts with “bulk-”');
      expect(await rows.first().getAttribute('data-user')).toBe('bulk-00');
      expect(await rows.count()).toBe(USERS_PAGE);
      expect(await page.locator('tr[data-user="bulk-20"]').count()).toBe(0);
      await page.getByRole('button', { name: 'More users' }).click();
      await page.locator('tr[data-user="bulk-20"]').waitFor();
      expect(await rows.count()).toBe(USERS_PAGE + 1);
      expect(await page.getByRole('button', { name: 'More users' }).count()).toBe(0);

      // create; a bad one is refused with the API's reason
      const create = page.getByRole('group', { name: 'Create a user' });
      await create.getByLabel('Username').fill('adm-carol');
      await create.getByLabel('Password').fill('short');
      await create.getByRole('button', { name: 'Create' }).click();
      await untilText(status(page), 'password must be longer than or equal to 8 characters');
      await create.getByLabel('Password').fill('carol-password');
      await create.getByRole('button', { name: 'Create' }).click();
      await untilText(status(page), 'Created adm-carol.');
      expect(await loginStatus('adm-carol', 'carol-password')).toBe(200);

      await page.getByLabel('Search users').fill('adm-c');
      await untilText(page.getByTestId('list-caption'), 'Users whose name starts with “adm-c”');
      const carol = page.locator('tr[data-user="adm-carol"]');
      await untilText(carol.locator('[data-field="state"]'), 'Enabled');
      expect(await rows.count()).toBe(1);

      await carol.getByRole('button', { name: 'Disable adm-carol' }).click();
      await untilText(carol.locator('[data-field="state"]'), 'Disabled');
      expect(await loginStatus('adm-carol', 'carol-password')).toBe(401);
      await carol.getByRole('button', { name: 'Enable adm-carol' }).click();
      await untilText(carol.locator('[data-field="state"]'), 'Enabled');
      expect(await loginStatus('adm-carol', 'carol-password')).toBe(200);

      // a role, applied at once to the tokens already issued
      const carolToken = await login(t, 'adm-carol', 'carol-password');
      await carol.getByRole('button', { name: 'Make admin adm-carol' }).click();
      await untilText(carol.locator('[data-field="role"]'), 'admin');
      await api(t).get('/api/v1/users').set(bearer(carolToken)).expect(200);
      await carol.getByRole('button', { name: 'Make user adm-carol' }).click();
      await untilText(carol.locator('[data-field="role"]'), 'user');
      await api(t).get('/api/v1/users').set(bearer(carolToken)).expect(403);

      await carol.getByRole('button', { name: 'Reset password of adm-carol' }).click();
      const reset = page.getByRole('group', { name: 'New password for adm-carol' });
      await reset.getByLabel('New password').fill('carol-new-password');
      await reset.getByRole('button', { name: 'Save password' }).click();
      await untilText(status(page), 'Password of adm-carol reset.');
      expect(await loginStatus('adm-carol', 'carol-password')).toBe(401);
      expect(await loginStatus('adm-carol', 'carol-new-password')).toBe(200);

      expect(await unlabelled(page)).toEqual([]);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      // the refused creation is the one failed request (400): nothing else went wrong
      expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('registers a charger, changes its owner and deletes it', async () => {
    const { page, problems, close } = await asAdmin('Chargers');
    const visibleTo = async (user: TestUser, id: string) =>
      (
        await api(t).get('/api/v1/charge-points').query({ q: id }).set(bearer(user.token))
      ).body.items.map((c: { id: string }) => c.id);
    try {
      const register = page.getByRole('group', { name: 'Register a charger' });
      await register.getByLabel('Charger id').fill('CP_ADM_1');
      await register.getByLabel('Owner (username)').fill(alice.username);
      await register.getByRole('button', { name: 'Register' }).click();
      await untilText(status(page), 'Registered CP_ADM_1.');
      const row = page.locator('tr[data-charger-row="CP_ADM_1"]');
      await row.waitFor();
      expect(await visibleTo(alice, 'CP_ADM_1')).toEqual(['CP_ADM_1']);

      // an owner named who does not exist changes nothing
      await row.getByRole('button', { name: 'Change the owner of CP_ADM_1' }).click();
      const owner = page.getByRole('group', { name: 'New owner of CP_ADM_1' });
      await owner.getByLabel('Owner (username)').fill('nobody-of-that-name');
      await owner.getByRole('button', { name: 'Save owner' }).click();
      await untilText(status(page), 'No user is named nobody-of-that-name.');
      expect(await visibleTo(alice, 'CP_ADM_1')).toEqual(['CP_ADM_1']);

      await owner.getByLabel('Owner (username)').fill(bob.username);
      await owner.getByRole('button', { name: 'Save owner' }).click();
      await untilText(status(page), `CP_ADM_1 now belongs to ${bob.username}.`);
      expect(await visibleTo(bob, 'CP_ADM_1')).toEqual(['CP_ADM_1']);
      expect(await visibleTo(alice, 'CP_ADM_1')).toEqual([]);

      // deleting asks to confirm
      await row.getByRole('button', { name: 'Delete CP_ADM_1' }).click();
      expect((await api(t).get('/api/v1/charge-points/CP_ADM_1').set(bearer(admin))).status).toBe(
        200,
      );
      await row.getByRole('button', { name: 'Confirm: delete CP_ADM_1' }).click();
      await untilText(status(page), 'Deleted CP_ADM_1.');
      await row.waitFor({ state: 'detached' });
      expect((await api(t).get('/api/v1/charge-points/CP_ADM_1').set(bearer(admin))).status).toBe(
        404,
      );
      expect(await unlabelled(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows a charger's generated password once, and the charger gets in with it; on a phone", async () => {
    const { page, problems, close } = await asAdmin('Chargers', true);
    try {
      const register = page.getByRole('group', { name: 'Register a charger' });
      await register.getByLabel('Charger id').fill('CP_ADM_PW');
      await register.getByRole('button', { name: 'Register' }).click();
      await untilText(status(page), 'Registered CP_ADM_PW.');
      const shown = page.getByTestId('generated-password');
      const password = (await shown.locator('code').textContent()) ?? '';
      expect(password).toMatch(/^\S{16,40}$/);
      // the password wraps rather than push the page wider than the phone
      const overflow = await page.evaluate('document.documentElement.scrollWidth - innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      const cp = await connectCharger(t.wsUrl, 'CP_ADM_PW', { password });
      await cp.close();
      await expect(
        connectCharger(t.wsUrl, 'CP_ADM_PW', { password: 'x'.repeat(32) }),
      ).rejects.toThrow();

      // once: gone when dismissed, and not there for a charger registered with its own
      await shown.getByRole('button', { name: 'I have noted it' }).click();
      expect(await shown.count()).toBe(0);
      await register.getByLabel('Charger id').fill('CP_ADM_PW2');
      await register.getByLabel('Charger password (optional)').fill('a-password-of-my-own-1234');
      await register.getByRole('button', { name: 'Register' }).click();
      await untilText(status(page), 'Registered CP_ADM_PW2.');
      expect(await shown.count()).toBe(0);
      const own = await connectCharger(t.wsUrl, 'CP_ADM_PW2', {
        password: 'a-password-of-my-own-1234',
      });
      await own.close();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lists the chargers with a search, a page at a time', async () => {
    for (let i = 0; i <= USERS_PAGE; i++)
      await registerChargePoint(t, admin, `CP_ADM_LIST_${String(i).padStart(2, '0')}`);
    const { page, problems, close } = await asAdmin('Chargers');
    try {
      const rows = page.locator('tr[data-charger-row]');
      await page.getByLabel('Search chargers').fill('CP_ADM_LIST_');
      await untilText(
        page.getByTestId('list-caption'),
        'Chargers whose id starts with “CP_ADM_LIST_”',
      );
      expect(await rows.first().getAttribute('data-charger-row')).toBe('CP_ADM_LIST_00');
      expect(await rows.count()).toBe(USERS_PAGE);
      await page.getByRole('button', { name: 'More chargers' }).click();
      await page.locator('tr[data-charger-row="CP_ADM_LIST_20"]').waitFor();
      expect(await rows.count()).toBe(USERS_PAGE + 1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('creates id tags for a holder, blocks, unblocks and deletes them', async () => {
    const { page, problems, close } = await asAdmin('Id tags', true);
    const stored = async (tag: string) => api(t).get(`/api/v1/id-tags/${tag}`).set(bearer(admin));
    try {
      const create = page.getByRole('group', { name: 'Add an id tag' });
      await create.getByLabel('Id tag').fill('TAG-ADM-1');
      await create.getByLabel('Holder (username)').fill(alice.username);
      await create.getByLabel('Expires on').fill('2031-12-31');
      await create.getByRole('button', { name: 'Add' }).click();
      await untilText(status(page), 'Added TAG-ADM-1.');
      expect((await stored('TAG-ADM-1')).body).toMatchObject({
        idTag: 'TAG-ADM-1',
        userId: alice.id,
        status: 'Accepted',
      });
      expect((await stored('TAG-ADM-1')).body.expiresAt).toMatch(/^2031-12-31T/);

      const row = page.locator('tr[data-id-tag="TAG-ADM-1"]');
      await untilText(row.locator('[data-field="holder"]'), alice.username);
      await untilText(row.locator('[data-field="status"]'), 'Accepted');

      await row.getByRole('button', { name: 'Block TAG-ADM-1' }).click();
      await untilText(row.locator('[data-field="status"]'), 'Blocked');
      expect((await stored('TAG-ADM-1')).body.status).toBe('Blocked');
      await row.getByRole('button', { name: 'Unblock TAG-ADM-1' }).click();
      await untilText(row.locator('[data-field="status"]'), 'Accepted');
      expect((await stored('TAG-ADM-1')).body.status).toBe('Accepted');

      // the confirm takes the keyboard's focus: Enter deletes
      await row.getByRole('button', { name: 'Delete TAG-ADM-1' }).click();
      expect(await page.evaluate('document.activeElement.textContent')).toBe(
        'Confirm: delete TAG-ADM-1',
      );
      await page.keyboard.press('Enter');
      await untilText(status(page), 'Deleted TAG-ADM-1.');
      await row.waitFor({ state: 'detached' });
      expect((await stored('TAG-ADM-1')).status).toBe(404);
      expect(await unlabelled(page)).toEqual([]);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
