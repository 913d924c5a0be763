import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEMO_ADMIN, gql, rawGql, screenshot, signInThroughPage, uniqueName } from './support';

// Every test here starts without a session and signs in (and out) on its own: signing out the
// shared admin session of the other specs would end it for them.
test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: Page, path = '/', who: { email: string; password: string } = DEMO_ADMIN) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in/);
  await signInThroughPage(page, who.email, who.password);
}

test('a wrong password is refused on the sign-in page', async ({ page }) => {
  await page.goto('/alerts');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Falerts$/);
  await page.getByLabel('Email').fill(DEMO_ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/sign-in/);
  // The email stays filled in for the next attempt.
  await expect(page.getByLabel('Email')).toHaveValue(DEMO_ADMIN.email);
});

test('signing in lands on the library (or the page asked for); signing out goes back to sign in', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await screenshot(page, testInfo, 'sign-in');
  await signInThroughPage(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByTestId('user-menu').locator(`[title="${DEMO_ADMIN.email}"]`)).toBeVisible();
  await expect(page.getByTestId('user-role')).toHaveText('Admin');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  // The session is gone: a page asks to sign in again and comes back to it afterwards.
  await page.goto('/alerts');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Falerts$/);
  await signInThroughPage(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
});

test('the sign-in page never sends anyone to another site', async ({ page }) => {
  await page.goto('/sign-in?next=https://evil.example/');
  await signInThroughPage(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
});

test('an API key created in the dashboard is shown once, works over HTTP, and is refused once revoked', async ({ page }, testInfo) => {
  await signIn(page, '/settings/api-keys');
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  const name = uniqueName('e2e pipeline');

  await page.getByRole('button', { name: 'Create API key…' }).click();
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').selectOption('VIEWER');
  await form.getByRole('button', { name: 'Create key' }).click();

  const created = page.getByTestId('api-key-created');
  await expect(created).toContainText('it will not be shown again');
  const secret = (await page.getByTestId('api-key-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^myk_[A-Za-z0-9_-]{43}$/);
  const row = page.locator('tr', { hasText: name });
  await expect(row).toContainText(`myk_${secret.slice(4, 12)}…`);
  await expect(row).toContainText('Viewer');
  await expect(row).toContainText('Active');
  await screenshot(page, testInfo, 'settings-api-keys');

  // The key works against the API, as an integrator sends it, with its own role.
  const bearer = { authorization: `Bearer ${secret}` };
  const who = await rawGql<{ viewer: { role: string; apiKey: { name: string } }; workspace: { slug: string } }>(
    '{ viewer { role apiKey { name } } workspace { slug } }',
    {},
    bearer,
  );
  expect(who.body.errors).toBeUndefined();
  expect(who.body.data).toEqual({ viewer: { role: 'VIEWER', apiKey: { name } }, workspace: { slug: 'demo' } });
  const models = await rawGql<{ models: { totalCount: number } }>('{ models(first: 1) { totalCount } }', {}, bearer);
  expect(models.body.data?.models.totalCount).toBeGreaterThan(0);
  // A viewer's key may not manage keys.
  const forbidden = await rawGql('mutation { createApiKey(input: { name: "escalate", role: VIEWER }) { secret } }', {}, bearer);
  expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  // Shown once: after a reload the page has only the prefix.
  await page.reload();
  await expect(page.getByTestId('api-key-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(row).toBeVisible();

  // Revoke it (with a confirmation): the API refuses it from now on.
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);
  const refused = await rawGql('{ workspace { slug } }', {}, bearer);
  expect(refused.body.data?.workspace ?? null).toBeNull();
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

async function signInElsewhere(browser: Browser, email: string, password: string, path: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, path, { email, password });
  return { context, page };
}

test('an admin adds a member and changes their role; the member sees what their role allows', async ({ page, browser }, testInfo) => {
  await signIn(page, '/settings/members');
  const email = `${uniqueName('member').replace(/\s+/g, '-')}@example.com`;
  const password = 'a-long-enough-password';

  await page.getByRole('button', { name: 'Add member…' }).click();
  const form = page.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('VIEWER');
  await form.getByLabel('Name (for a new account)').fill('Vera Viewer');
  await form.getByLabel('Initial password (for a new account)').fill(password);
  await form.getByRole('button', { name: 'Add member' }).click();
  const row = page.locator('tr', { hasText: email });
  await expect(row).toContainText('Vera Viewer');
  await expect(row.getByLabel('Role of Vera Viewer')).toHaveValue('VIEWER');
  await screenshot(page, testInfo, 'settings-members');

  // As a viewer: the header says so, the admin pages explain why they show no forms, and a change
  // the role does not allow is refused with a readable message.
  const viewer = await signInElsewhere(browser, email, password, '/alerts');
  await expect(viewer.page.getByTestId('user-role')).toHaveText('Viewer');
  const alertRow = viewer.page.locator('tr', { hasText: 'OPEN' }).first();
  await alertRow.getByRole('button', { name: /^Acknowledge/ }).click();
  await expect(alertRow.getByRole('alert')).toContainText('FORBIDDEN');
  await expect(alertRow.getByRole('alert')).toContainText('Your role in this workspace does not allow this');
  await viewer.page.goto('/settings/api-keys');
  await expect(viewer.page.getByTestId('needs-admin')).toContainText('needs the ADMIN role');
  await expect(viewer.page.getByRole('button', { name: 'Create API key…' })).toHaveCount(0);

  // Promoted to editor, the member's next page shows the new role.
  await row.getByLabel('Role of Vera Viewer').selectOption('EDITOR');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(row.getByRole('button', { name: 'Save role' })).toHaveCount(0);
  await viewer.page.goto('/');
  await expect(viewer.page.getByTestId('user-role')).toHaveText('Editor');

  // Removed, the member can no longer use the workspace.
  await row.getByRole('button', { name: 'Remove Vera Viewer' }).click();
  await row.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.locator('tr', { hasText: email })).toHaveCount(0);
  await viewer.context.close();
});

test('a member of two workspaces switches between them in the header, and sees only each one’s data', async ({ page }) => {
  const email = `${uniqueName('two-workspaces').replace(/\s+/g, '-')}@example.com`;
  const password = 'a-long-enough-password';
  await gql('mutation($i: AddWorkspaceMemberInput!) { addWorkspaceMember(input: $i) { role } }', {
    i: { email, name: 'Wanda Two', role: 'EDITOR', password },
  });
  // The member creates a second workspace (its ADMIN), as any signed-in user may.
  const signedIn = await rawGql<{ signIn: { token: string } }>('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email, password } });
  const token = signedIn.body.data?.signIn.token ?? '';
  const slug = `e2e-${Date.now().toString(36)}`;
  const created = await rawGql('mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { slug } }', { i: { slug, name: 'E2E second' } }, { authorization: `Bearer ${token}` });
  expect(created.body.errors).toBeUndefined();

  await signIn(page, '/', { email, password });
  await expect(page.getByTestId('user-role')).toHaveText('Editor');
  const switcher = page.getByLabel('Workspace');
  await expect(switcher).toHaveValue('demo');
  await expect(page.getByTestId('tab-models')).toContainText(/[1-9]/);

  await switcher.selectOption(slug);
  await expect(page.getByTestId('user-role')).toHaveText('Admin');
  await expect(page.getByLabel('Workspace')).toHaveValue(slug);
  await expect(page.getByTestId('tab-models')).toHaveText('Models0');

  await page.getByLabel('Workspace').selectOption('demo');
  await expect(page.getByTestId('user-role')).toHaveText('Editor');
  await expect(page.getByTestId('tab-models')).toContainText(/[1-9]/);
});
