import { getDatabaseHandle } from "~/db/db.server";
import { runCli } from "./run";

await runCli(async () => {
  const handle = getDatabaseHandle();
  await handle.migrate();
  console.log(`数据库已迁移到最新版本（${handle.driver}: ${handle.location}）。`);
});
