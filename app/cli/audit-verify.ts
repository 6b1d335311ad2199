import { verifyAuditChain } from "~/audit/audit.server";
import { getDatabaseHandle } from "~/db/db.server";
import { runCli } from "./run";

/** npm run audit:verify — walks the audit hash chain; exits 1 naming the first broken event. */
await runCli(async () => {
  const handle = getDatabaseHandle();
  const verdict = await verifyAuditChain(handle.db);
  if (verdict.ok) {
    console.log(`审计链完整：共 ${verdict.count} 条事件校验通过。`);
    return 0;
  }
  console.error(`审计链已损坏：事件 #${verdict.brokenId} 校验失败（${verdict.reason}）；此前 ${verdict.count} 条事件完好。`);
  return 1;
});
