/**
 * The rewrite-and-rehash attack (issue #13): someone who can skip the append-only trigger changes an
 * event and re-hashes every event after it, or cuts the tail. The chain alone still verifies; the
 * signed checkpoints (database and file) do not, and name the event that disagrees.
 */
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, gte, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { auditCheckpoints, auditEvents } from "#db/schema";
import { GENESIS_HASH, hashEvent, recordAudit, SYSTEM_ACTOR, verifyAuditChain } from "~/audit/audit.server";
import { queueAuditCheckpoint } from "~/audit/checkpoint-job.server";
import { verifyCheckpoints, writeCheckpoint } from "~/audit/checkpoint.server";
import { runDueJobs } from "~/jobs/worker.server";
import { getDb } from "~/db/db.server";
import { useTestDatabase } from "../support/database";

await useTestDatabase({ seed: false });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-checkpoint-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const env = {
  AUDIT_SIGNING_KEY: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  AUDIT_CHECKPOINT_FILE: path.join(dir, "checkpoints.jsonl"),
} as unknown as NodeJS.ProcessEnv;

async function events(n: number, label: string) {
  for (let i = 0; i < n; i++) {
    await getDb().transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { action: "test.event", entityType: "test", entityId: `${label}-${i}`, after: { i } }));
  }
}

/** What a superuser can do: skip the trigger, change rows, re-hash the chain from `fromId` on. */
async function rewriteFrom(fromId: number, change: (after: unknown) => unknown) {
  const db = getDb();
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    const [prev] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).where(sql`${auditEvents.id} < ${fromId}`).orderBy(sql`${auditEvents.id} desc`).limit(1);
    let prevHash = prev?.hash ?? GENESIS_HASH;
    const rows = await tx.select().from(auditEvents).where(gte(auditEvents.id, fromId)).orderBy(asc(auditEvents.id));
    for (const row of rows) {
      const after = row.id === fromId ? change(row.after) : row.after;
      const hash = hashEvent({ ...row, after, prevHash });
      await tx.update(auditEvents).set({ after, prevHash, hash }).where(sql`${auditEvents.id} = ${row.id}`);
      prevHash = hash;
    }
  });
}

describe("signed audit checkpoints", () => {
  it("sign the chain head into the table and the file; audit:verify's check passes on an intact chain", async () => {
    await events(5, "a");
    const first = await writeCheckpoint(getDb(), new Date(), env);
    expect(first).not.toBeNull();
    await events(5, "b");
    await writeCheckpoint(getDb(), new Date(), env);
    expect(fs.readFileSync(env.AUDIT_CHECKPOINT_FILE!, "utf8").trim().split("\n")).toHaveLength(2);
    expect(await verifyCheckpoints(getDb(), env)).toEqual({ ok: true, checked: 4 });
    // Verifiable with the public key alone.
    expect((await verifyCheckpoints(getDb(), { AUDIT_VERIFY_KEY: publicKey.export({ format: "pem", type: "spki" }).toString() } as unknown as NodeJS.ProcessEnv)).ok).toBe(true);
  });

  it("are append-only like the trail", async () => {
    await expect(getDb().execute(sql`update audit_checkpoints set hash = 'x'`)).rejects.toThrow();
    await expect(getDb().execute(sql`delete from audit_checkpoints`)).rejects.toThrow();
  });

  it("catch a rewrite that re-hashes the chain, naming the first checkpointed event that disagrees", async () => {
    const [third] = await getDb().select({ id: auditEvents.id }).from(auditEvents).orderBy(asc(auditEvents.id)).offset(2).limit(1);
    await rewriteFrom(third!.id, () => ({ i: "改过了" }));
    // The chain alone is fooled…
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
    // …the checkpoints are not: the first checkpoint (event 5 of the first batch) disagrees.
    const verdict = await verifyCheckpoints(getDb(), env);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.eventId).toBe(third!.id + 2);
      expect(verdict.reason).toMatch(/改写/);
    }
  });

  it("catch a truncated tail, from the file even when the attacker also removed the database's checkpoints", async () => {
    const db = getDb();
    const [last] = await db.select({ id: auditEvents.id }).from(auditEvents).orderBy(sql`${auditEvents.id} desc`).limit(1);
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from audit_events where id > ${last!.id - 3}`);
      await tx.execute(sql`delete from audit_checkpoints`);
    });
    const verdict = await verifyCheckpoints(db, env);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(/不符|截断/);
    // With a forged file line (no key), the signature check fails.
    fs.appendFileSync(env.AUDIT_CHECKPOINT_FILE!, `${JSON.stringify({ eventId: 1, hash: "0", signedAt: new Date().toISOString(), keyId: "x", signature: "AAAA" })}\n`);
    const forged = await verifyCheckpoints(db, env);
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.reason).toMatch(/签名无效/);
  });
});

describe("the audit.checkpoint job (hourly, and queued by every publication)", () => {
  it("signs only once the change that queued it has committed: a rolled-back one leaves no checkpoint and no file line", async () => {
    const file = path.join(dir, "job-checkpoints.jsonl");
    const saved = { key: process.env.AUDIT_SIGNING_KEY, file: process.env.AUDIT_CHECKPOINT_FILE };
    process.env.AUDIT_SIGNING_KEY = env.AUDIT_SIGNING_KEY;
    process.env.AUDIT_CHECKPOINT_FILE = file;
    const checkpoints = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(auditCheckpoints))[0]!.n;
    const anchoredChange = (label: string) => async (tx: Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0]) => {
      await recordAudit(tx, SYSTEM_ACTOR, { action: "test.event", entityType: "test", entityId: label, after: {} });
      await queueAuditCheckpoint(tx);
    };
    try {
      const before = await checkpoints();
      await expect(
        getDb().transaction(async (tx) => {
          await anchoredChange("rolled-back")(tx);
          tx.rollback();
        }),
      ).rejects.toThrow();
      await runDueJobs(undefined, { names: ["audit.checkpoint"] });
      expect(await checkpoints()).toBe(before);
      expect(fs.existsSync(file)).toBe(false);

      await getDb().transaction(anchoredChange("committed"));
      await runDueJobs(undefined, { names: ["audit.checkpoint"] });
      expect(await checkpoints()).toBe(before + 1);
      expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(1);
    } finally {
      for (const [name, value] of [["AUDIT_SIGNING_KEY", saved.key], ["AUDIT_CHECKPOINT_FILE", saved.file]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
