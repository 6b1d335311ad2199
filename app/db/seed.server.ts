import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { batches, categories, regions, users } from "#db/schema";
import { importBulletin } from "~/import/import.server";
import { parseBulletin } from "~/import/parse";
import { createUser } from "~/admin/users.server";
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from "~/audit/audit.server";
import type { Role } from "~/permissions/permissions";
import { INITIAL_CATEGORIES, PILOT_REGIONS } from "~/reference/pilot-regions";
import { getDb } from "./db.server";

export const DEMO_PASSWORD = "demo12345";

/** Demo accounts: created on the embedded database, on a server only with `--demo`. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; roles: Role[]; regions: string[] }[] = [
  { username: "admin", displayName: "系统管理员", roles: ["admin"], regions: [] },
  { username: "reviewer", displayName: "部委审核人", roles: ["reviewer"], regions: [] },
  { username: "publisher", displayName: "案例发布人", roles: ["publisher"], regions: [] },
  { username: "beijing", displayName: "北京市填报人", roles: ["submitter"], regions: ["beijing"] },
  { username: "shanghai", displayName: "上海市填报人", roles: ["submitter"], regions: ["shanghai"] },
];

/** Regions and categories; existing rows (perhaps renamed by an admin) are left alone. */
export async function seedReferenceData(actor: AuditActor = SYSTEM_ACTOR) {
  await getDb().transaction(async (tx) => {
    const addedRegions = await tx
      .insert(regions)
      .values(PILOT_REGIONS.map((r, i) => ({ ...r, sortOrder: (i + 1) * 10 })))
      .onConflictDoNothing()
      .returning({ code: regions.code });
    const addedCategories = await tx
      .insert(categories)
      .values(INITIAL_CATEGORIES.map((c, i) => ({ ...c, sortOrder: (i + 1) * 10 })))
      .onConflictDoNothing()
      .returning({ code: categories.code });
    if (addedRegions.length || addedCategories.length) {
      await recordAudit(tx, actor, {
        action: "reference.seed",
        entityType: "reference",
        after: { regions: addedRegions.map((r) => r.code), categories: addedCategories.map((c) => c.code) },
      });
    }
  });
}

export async function seedDemoUsers(actor: AuditActor = SYSTEM_ACTOR) {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const [existing] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, account.username)).limit(1);
    if (existing) continue;
    await createUser(actor, { ...account, password: DEMO_PASSWORD }, { mustChangePassword: false });
    created.push(account.username);
  }
  return created;
}

export async function countUsers() {
  const [row] = await getDb().select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

/** The published third batch, kept in the repository so a new user sees real content. */
export const THIRD_BATCH_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../db/seed/third-batch.md");

export async function seedThirdBatch(actor: AuditActor = SYSTEM_ACTOR) {
  const [existing] = await getDb().select({ id: batches.id }).from(batches).where(eq(batches.number, 3)).limit(1);
  if (existing) return false;
  const parsed = parseBulletin(fs.readFileSync(THIRD_BATCH_FILE, "utf8"));
  if (!parsed.ok) throw new Error(`third batch does not parse: ${parsed.errors.map((e) => `${e.line}: ${e.message}`).join("; ")}`);
  await importBulletin(actor, parsed.bulletin);
  return true;
}

export async function seed(options: { demo: boolean; content?: boolean; actor?: AuditActor }) {
  const actor = options.actor ?? SYSTEM_ACTOR;
  await seedReferenceData(actor);
  const createdUsers = options.demo ? await seedDemoUsers(actor) : [];
  const importedThirdBatch = options.content === false ? false : await seedThirdBatch(actor);
  return { createdUsers, importedThirdBatch };
}
