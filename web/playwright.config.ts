import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against the real API and the real web app. `npm run e2e -w web` (and `npm test`)
 * run them through e2e/run.mjs: a fresh `next build`, then `playwright test`. Playwright starts both:
 * - the API on port 4010 with a database of its own (e2e/start-api.mjs: a fresh database on
 *   DATABASE_URL's server when set, otherwise an embedded PostgreSQL in a temporary directory on
 *   port 54339), seeded with the demo workspace;
 * - the built web app on port 3010 (`next start`), pointed at that API.
 * E2E_API_PORT / E2E_WEB_PORT move them (e.g. two checkouts testing at once).
 *
 * Every request needs credentials: the `setup` project (e2e/auth.setup.ts) signs the demo admin in
 * through the sign-in page once and the other projects start from that session (storageState); the
 * API helpers of e2e/support.ts use an ADMIN API key. e2e/auth.spec.ts signs in and out on its own.
 *
 * Chromium is Debian's (`apt-get install chromium`) or CHROMIUM_PATH; `playwright install` is
 * never needed. Screenshots of the main pages go to test-results/screenshots/ (git-ignored).
 */
const API_PORT = Number(process.env.E2E_API_PORT || 4010);
const WEB_PORT = Number(process.env.E2E_WEB_PORT || 3010);
// Test workers inherit the environment: e2e/support.ts calls the API on this port.
process.env.E2E_API_PORT = String(API_PORT);
export const API_URL = `http://localhost:${API_PORT}/graphql`;
const WS_URL = `ws://localhost:${API_PORT}/graphql`;
const WEB_URL = `http://localhost:${WEB_PORT}`;
// Written by the setup project (the same path as ADMIN_STORAGE_STATE in e2e/support.ts).
const ADMIN_STORAGE_STATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-results', '.auth', 'admin.json');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  // The tests share one API and one seeded workspace: they run one after another, the ones that
  // only read the seeded data first (projects below).
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: WEB_URL,
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Signing in once…
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    // …reading the seeded data set, before any test changes it…
    { name: 'browse', testMatch: /(library|model)\.spec\.ts$/, dependencies: ['setup'], use: { storageState: ADMIN_STORAGE_STATE } },
    // …then the tests that write through the API and the UI.
    { name: 'live', testIgnore: /(library|model)\.spec\.ts$/, dependencies: ['browse'], use: { storageState: ADMIN_STORAGE_STATE } },
  ],
  webServer: [
    {
      command: 'node e2e/start-api.mjs',
      url: `http://localhost:${API_PORT}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(API_PORT),
        CORS_ORIGINS: `${WEB_URL},http://127.0.0.1:${WEB_PORT}`,
        NODE_ENV: 'production',
      },
    },
    {
      // Uses the last `next build` (e2e/run.mjs builds first; a bare `playwright test` builds only
      // when there is no build at all).
      command: `sh -c '[ -f .next/BUILD_ID ] || npx next build; exec npx next start -p ${WEB_PORT}'`,
      url: WEB_URL,
      timeout: 240_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        API_URL,
        NEXT_PUBLIC_API_URL: API_URL,
        NEXT_PUBLIC_API_WS_URL: WS_URL,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  ],
});
