import { restorePglite, restorePostgres } from "~/db/backup.server";
import { defaultPgliteDir } from "~/db/db.server";
import { runCli } from "./run";

/** npm run db:restore -- <file>   into an EMPTY database (DATABASE_URL) or a new PGLITE_DIR. */
await runCli(async () => {
  const file = process.argv[2];
  if (!file) {
    console.error("用法：npm run db:restore -- <备份文件>");
    return 2;
  }
  // As the owner when there is one: the app role may not read drizzle's journal nor create tables.
  const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (url) await restorePostgres(url, file);
  else await restorePglite(defaultPgliteDir(), file);
  console.log("恢复完成。请运行 npm run audit:verify 校验审计链。");
});
