import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { connectDatabase } from '../src/shared/db/database.ts';
import { migrate } from '../src/shared/db/migrate.ts';
import { ensureLocalServices } from '../src/shared/services/localServices.ts';
import { ensureTestTools } from './helpers/test-tools.ts';
import { ensureBuilt } from '../scripts/build.js';

/**
 * Starts (or reuses) a private Postgres and Redis for the test run under
 * var/test, unless TEST_DATABASE_URL / TEST_REDIS_URL point at running ones,
 * and migrates a template database that each test file clones.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    redisUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'tacit_template';


export default async function setup(project: TestProject) {
  await ensureTestTools();
  // Tests start `bin/tacit.js`, which runs dist/: built once here, before test files start processes at once.
  ensureBuilt();
  let adminUrl = process.env.TEST_DATABASE_URL;
  let redisUrl = process.env.TEST_REDIS_URL;
  if (!adminUrl || !redisUrl) {
    const services = await ensureLocalServices('var/test', { fast: true, database: 'postgres' });
    adminUrl ??= services.databaseUrl;
    redisUrl ??= services.redisUrl;
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const template = connectDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE), { max: 1 });
  await migrate(template);
  await template.end();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('redisUrl', redisUrl);
  // The private services stay up after the run (the next run starts faster,
  // and runs that overlap do not pull them from under each other); stop them
  // with `npm run test:services:stop`.
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
