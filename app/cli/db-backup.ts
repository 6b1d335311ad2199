import { backupPglite, backupPostgres } from "~/db/backup.server";
import { defaultPgliteDir } from "~/db/db.server";
import { runCli } from "./run";

/** npm run db:backup -- <file>   (PGlite: stop the server first — the directory is locked while it runs) */
await runCli(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error("用法：npm run db:backup -- <备份文件>");
    return 2;
  }
  // As the owner when there is one: the app role may not read drizzle's journal nor create tables.
  const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (url) await backupPostgres(url, file);
  else await backupPglite(defaultPgliteDir(), file);
  console.log(`备份完成：${file}`);
});
