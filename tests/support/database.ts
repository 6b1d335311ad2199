import fs from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { installDatabase, openPglite, openPostgres, type DatabaseHandle } from "~/db/db.server";
import { seed } from "~/db/seed.server";
import { withDatabase } from "./global-setup";

/**
 * Gives the calling test file a database of its own, already migrated, installed as the app's
 * database (so routes and domain code use it), and closed/dropped after the file.
 * Call it at the top of a test file: `const handle = await useTestDatabase();`
 */
export async function useTestDatabase(options: { seed?: boolean } = { seed: true }): Promise<DatabaseHandle> {
  const template = inject("pgTemplate");
  const serverUrl = process.env.TEST_DATABASE_URL;
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  if (template && serverUrl) {
    const name = `pilot_t_${inject("runId")}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    handle = openPostgres(withDatabase(serverUrl, name), { max: 10 });
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const snapshot = fs.readFileSync(inject("pgliteSnapshot"));
    handle = openPglite({ loadDataDir: new Blob([snapshot]) });
  }
  installDatabase(handle);
  afterAll(async () => {
    installDatabase(undefined);
    await handle.close();
    await drop?.();
  });
  if (options.seed !== false) await seed({ demo: true });
  return handle;
}
