import { writeCheckpoint } from "~/audit/checkpoint.server";
import { getDatabaseHandle } from "~/db/db.server";
import { runCli } from "./run";

/** npm run audit:checkpoint — signs the audit chain head (AUDIT_SIGNING_KEY); run it from cron, say hourly. */
await runCli(async () => {
  const checkpoint = await writeCheckpoint(getDatabaseHandle().db);
  if (!checkpoint) {
    console.error(process.env.AUDIT_SIGNING_KEY ? "审计日志为空，无需签名。" : "未设置 AUDIT_SIGNING_KEY（Ed25519 私钥），无法签名检查点。");
    return process.env.AUDIT_SIGNING_KEY ? 0 : 1;
  }
  console.log(`已签名检查点：事件 #${checkpoint.eventId}，哈希 ${checkpoint.hash.slice(0, 16)}…，密钥 ${checkpoint.keyId}。`);
  return 0;
});
