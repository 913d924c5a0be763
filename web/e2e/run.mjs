#!/usr/bin/env node
// The browser tests, as `npm test` and `npm run e2e -w web` run them:
//   1. `next build` (a fresh production build of the current sources),
//   2. `playwright test` (playwright.config.ts starts the API on its own database and `next start`).
//
// They need Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium (`apt-get install chromium`;
// `playwright install` is never used). Without it:
//   - on a user's machine: a notice, and the browser tests are skipped (exit 0);
//   - with CI set (CI=1, as .ci/run does): a failure.
//
// Options: `--no-build` reuses the last build (quick re-runs while writing tests); every other
// argument goes to `playwright test` (e.g. `npm run e2e -w web -- e2e/alerts.spec.ts --headed`).
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(webDir, 'package.json'));

const ci = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

if (!executable(chromium)) {
  const reason = `no Chromium at ${chromium}; install chromium (apt-get install chromium) or set CHROMIUM_PATH`;
  if (ci) {
    console.error(`\n[e2e] browser tests cannot run: ${reason}. CI is set, so this is a failure.\n`);
    process.exit(1);
  }
  console.warn(`\n[e2e] browser tests skipped: ${reason}.\n`);
  process.exit(0);
}

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const playwrightArgs = args.filter((arg) => arg !== '--no-build');

let current = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current && current.exitCode === null) current.kill(signal);
    else process.exit(1);
  });
}

/** Runs a Node CLI in web/, inheriting the terminal; resolves with its exit code. */
function run(label, script, scriptArgs, env = {}) {
  const started = Date.now();
  console.log(`[e2e] ${label}…`);
  return new Promise((resolve) => {
    current = spawn(process.execPath, [script, ...scriptArgs], {
      cwd: webDir,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    });
    current.on('exit', (code, signal) => {
      current = null;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const status = code ?? (signal ? 1 : 0);
      console.log(`[e2e] ${label}: ${status === 0 ? 'done' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      resolve(status);
    });
  });
}

const started = Date.now();
if (build) {
  const code = await run('next build', require.resolve('next/dist/bin/next'), ['build']);
  if (code !== 0) process.exit(code);
}
const code = await run('playwright test', require.resolve('@playwright/test/cli'), ['test', ...playwrightArgs], {
  CHROMIUM_PATH: chromium,
});
console.log(`[e2e] browser tests ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (build included: ${build})`);
console.log(`[e2e] screenshots: ${path.join(webDir, 'test-results', 'screenshots')}`);
process.exit(code);
