import { getDatabaseHandle } from "~/db/db.server";
import { seed } from "~/db/seed.server";
import { demoLoginLines } from "~/db/startup.server";
import { migrateDatabase } from "~/db/migrate.server";
import { runCli } from "./run";

/**
 * npm run db:seed [-- --demo]
 * Reference data and the third batch always; demo accounts on the embedded database, and on a
 * PostgreSQL server only with --demo.
 */
await runCli(async () => {
  const handle = getDatabaseHandle();
  await migrateDatabase({ log: () => {} });
  const demo = handle.driver === "pglite" || process.argv.includes("--demo");
  const { createdUsers } = await seed({ demo });
  console.log(`种子数据已写入（${handle.driver}: ${handle.location}）。`);
  if (createdUsers.length) for (const line of demoLoginLines()) console.log(line);
  else if (!demo) console.log("未创建演示账号（PostgreSQL 服务器上需显式传入 --demo）。");
});
