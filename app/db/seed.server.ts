import { eq, sql } from "drizzle-orm";
import { categories, regions, users } from "#db/schema";
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

export async function seed(options: { demo: boolean; actor?: AuditActor }) {
  const actor = options.actor ?? SYSTEM_ACTOR;
  await seedReferenceData(actor);
  const createdUsers = options.demo ? await seedDemoUsers(actor) : [];
  return { createdUsers };
}
