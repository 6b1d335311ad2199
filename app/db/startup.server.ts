import { SYSTEM_ACTOR } from "~/audit/audit.server";
import { queueSimilarityBackfill } from "~/aids/similarity-job.server";
import { getDatabaseHandle } from "./db.server";
import { checkServingRole, migrateDatabase } from "./migrate.server";
import { countUsers, DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from "./seed.server";

/**
 * Brings the database up to date before the server takes requests: migrations always (they are
 * idempotent), and on an empty embedded database the demo seed, so a new user has something to
 * use. A PostgreSQL server is never seeded with demo accounts unless asked (`db:seed -- --demo`).
 * With `MIGRATION_DATABASE_URL` the migrations run as that owner and the app serves as the role of
 * `DATABASE_URL`, which must not be able to rewrite the audit trail (app/db/migrate.server.ts).
 */
export async function prepareDatabase(log: (line: string) => void = console.log) {
  await migrateDatabase({ log });
  const handle = getDatabaseHandle();
  if (handle.driver === "postgres") await checkServingRole();
  // cases saved before the similarity index existed: indexed by a job, not during the start
  await queueSimilarityBackfill(handle.db);
  if (handle.driver === "pglite" && (await countUsers()) === 0) {
    log(`首次启动：正在初始化嵌入式数据库（${handle.location}）…`);
    const { createdUsers } = await seed({ demo: true, actor: SYSTEM_ACTOR });
    return { seeded: true, createdUsers };
  }
  return { seeded: false, createdUsers: [] as string[] };
}

export function demoLoginLines() {
  return [
    `演示账号（仅限演示环境，密码均为 ${DEMO_PASSWORD}）：`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(10)} ${a.displayName}`),
  ];
}
