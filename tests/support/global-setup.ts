import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "~/db/db.server";

/**
 * Prepares one migrated database per test run; every test file then gets its own copy
 * (tests/support/database.ts): on PGlite a snapshot loaded into memory, on a PostgreSQL server
 * (TEST_DATABASE_URL set) a fresh database made from a template, so parallel files and parallel
 * runs never share data.
 */
declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
    runId: string;
  }
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function globalSetup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide("runId", runId);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `pilot_tpl_${runId}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const handle = openPostgres(withDatabase(serverUrl, template), { max: 1 });
    await handle.migrate();
    await handle.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteSnapshot", "");
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`pilot_%${runId}%`}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const handle = openPglite();
  await handle.migrate();
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  await handle.close();
  const file = path.join(os.tmpdir(), `pilot-cases-snapshot-${runId}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteSnapshot", file);
  project.provide("pgTemplate", "");
  return () => fs.rmSync(file, { force: true });
}
