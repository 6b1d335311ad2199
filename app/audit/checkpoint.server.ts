/**
 * Signed checkpoints of the audit hash chain (issue #13). The hash chain alone has no key: someone
 * who can skip the append-only trigger (a superuser: `SET session_replication_role = replica`) can
 * change a row and re-hash everything after it, or cut the tail, and the chain still verifies. A
 * checkpoint is the chain head (event id + hash) signed with Ed25519 (`node:crypto`, private key in
 * AUDIT_SIGNING_KEY, PEM or base64 PKCS#8 DER), stored in `audit_checkpoints` and appended as a
 * JSON line to AUDIT_CHECKPOINT_FILE — a copy outside the database for an operator to ship
 * elsewhere. `audit:verify` checks every checkpoint against the chain: a rewrite or a truncated
 * tail is caught unless the attacker also holds the key. AUDIT_VERIFY_KEY (public PEM) verifies
 * where the private key is not kept.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import fs from "node:fs";
import { asc, desc, eq } from "drizzle-orm";
import { auditCheckpoints, auditEvents } from "#db/schema";
import type { Executor } from "~/db/db.server";

export type Checkpoint = { eventId: number; hash: string; signedAt: Date; keyId: string; signature: string };

function readKey(value: string, kind: "private" | "public"): KeyObject {
  const text = value.includes("-----BEGIN") ? value.replace(/\\n/g, "\n") : null;
  if (kind === "private") return text ? createPrivateKey(text) : createPrivateKey({ key: Buffer.from(value, "base64"), format: "der", type: "pkcs8" });
  return text ? createPublicKey(text) : createPublicKey({ key: Buffer.from(value, "base64"), format: "der", type: "spki" });
}

export function signingKey(env: NodeJS.ProcessEnv = process.env): KeyObject | null {
  return env.AUDIT_SIGNING_KEY ? readKey(env.AUDIT_SIGNING_KEY, "private") : null;
}

export function verifyKey(env: NodeJS.ProcessEnv = process.env): KeyObject | null {
  if (env.AUDIT_VERIFY_KEY) return readKey(env.AUDIT_VERIFY_KEY, "public");
  const key = signingKey(env);
  return key ? createPublicKey(key) : null;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ format: "der", type: "spki" })).digest("hex").slice(0, 16);
}

function payload(c: Pick<Checkpoint, "eventId" | "hash" | "signedAt">) {
  return Buffer.from(`pilot-cases-audit-checkpoint:v1:${c.eventId}:${c.hash}:${c.signedAt.toISOString()}`);
}

/** Signs the current chain head; null when there is no key or no event yet. */
export async function writeCheckpoint(db: Executor, now = new Date(), env: NodeJS.ProcessEnv = process.env): Promise<Checkpoint | null> {
  const key = signingKey(env);
  if (!key) return null;
  const [head] = await db.select({ id: auditEvents.id, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  if (!head) return null;
  const base = { eventId: head.id, hash: head.hash, signedAt: now };
  const checkpoint: Checkpoint = { ...base, keyId: keyIdOf(createPublicKey(key)), signature: sign(null, payload(base), key).toString("base64") };
  await db.insert(auditCheckpoints).values(checkpoint);
  if (env.AUDIT_CHECKPOINT_FILE) {
    fs.appendFileSync(env.AUDIT_CHECKPOINT_FILE, `${JSON.stringify({ ...checkpoint, signedAt: checkpoint.signedAt.toISOString() })}\n`);
  }
  return checkpoint;
}

/** The checkpoints in the file (a line that is not one is reported, not skipped). */
export function readCheckpointFile(file: string): Checkpoint[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((line) => {
      const c = JSON.parse(line) as Omit<Checkpoint, "signedAt"> & { signedAt: string };
      return { ...c, signedAt: new Date(c.signedAt) };
    });
}

export type CheckpointVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; eventId: number; reason: string };

/**
 * Checks checkpoints (from the database and the file) against the chain, oldest event first, and
 * names the first one that disagrees. Without a key the signatures cannot be checked: that is a
 * failure when there are checkpoints to check.
 */
export async function verifyCheckpoints(db: Executor, env: NodeJS.ProcessEnv = process.env): Promise<CheckpointVerdict> {
  const stored = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.eventId));
  const all = [...stored, ...(env.AUDIT_CHECKPOINT_FILE ? readCheckpointFile(env.AUDIT_CHECKPOINT_FILE) : [])].sort((a, b) => a.eventId - b.eventId);
  if (!all.length) return { ok: true, checked: 0 };
  const key = verifyKey(env);
  if (!key) return { ok: false, checked: 0, eventId: all[0]!.eventId, reason: "未配置 AUDIT_SIGNING_KEY 或 AUDIT_VERIFY_KEY，无法校验检查点签名" };
  const keyId = keyIdOf(key);
  let checked = 0;
  for (const c of all) {
    if (c.keyId !== keyId || !verify(null, payload(c), key, Buffer.from(c.signature, "base64"))) {
      return { ok: false, checked, eventId: c.eventId, reason: "检查点签名无效（检查点被伪造或使用了其他密钥）" };
    }
    const [event] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.id, c.eventId)).limit(1);
    if (!event) return { ok: false, checked, eventId: c.eventId, reason: "已签名的事件不存在（审计日志末尾被截断）" };
    if (event.hash !== c.hash) return { ok: false, checked, eventId: c.eventId, reason: "事件哈希与已签名的检查点不符（此前的记录被改写并重新计算了哈希）" };
    checked++;
  }
  return { ok: true, checked };
}
