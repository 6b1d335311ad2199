import { verifyAuditChain } from "~/audit/audit.server";
import { verifyCheckpoints } from "~/audit/checkpoint.server";
import { getDatabaseHandle } from "~/db/db.server";
import { runCli } from "./run";

/** npm run audit:verify — walks the audit hash chain; exits 1 naming the first broken event. */
await runCli(async () => {
  const handle = getDatabaseHandle();
  const verdict = await verifyAuditChain(handle.db);
  if (!verdict.ok) {
    console.error(`审计链已损坏：事件 #${verdict.brokenId} 校验失败（${verdict.reason}）；此前 ${verdict.count} 条事件完好。`);
    return 1;
  }
  // The chain alone can be re-hashed by someone who skips the trigger: the signed checkpoints cannot.
  const anchored = await verifyCheckpoints(handle.db);
  if (!anchored.ok) {
    console.error(`审计链与已签名检查点不符：事件 #${anchored.eventId}（${anchored.reason}）；此前 ${anchored.checked} 个检查点完好。`);
    return 1;
  }
  console.log(`审计链完整：共 ${verdict.count} 条事件校验通过，${anchored.checked} 个已签名检查点相符。`);
  return 0;
});
