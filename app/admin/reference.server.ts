import { asc, eq } from "drizzle-orm";
import { categories, regions } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { getDb, type Executor } from "~/db/db.server";
import { UserAdminError } from "./users.server";
import { adminStrings as s } from "./strings";

/** Reference data: the pilot regions and the case categories. Codes are immutable; names are not. */
export type RegionInput = { code: string; name: string; shortName: string; sortOrder: number; active: boolean };
export type CategoryInput = { code: string; name: string; sortOrder: number; active: boolean };

export function listRegions(db: Executor, options: { activeOnly?: boolean } = {}) {
  const q = db.select().from(regions);
  return (options.activeOnly ? q.where(eq(regions.active, true)) : q).orderBy(asc(regions.sortOrder), asc(regions.code));
}

export function listCategories(db: Executor, options: { activeOnly?: boolean } = {}) {
  const q = db.select().from(categories);
  return (options.activeOnly ? q.where(eq(categories.active, true)) : q).orderBy(asc(categories.sortOrder), asc(categories.code));
}

function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint_name?: string; constraint?: string; message?: string; cause?: unknown };
  const inner = (e?.cause ?? e) as typeof e;
  if (inner?.code !== "23505") return null;
  return inner.constraint_name ?? inner.constraint ?? inner.message ?? "unique";
}

async function saveReference<T extends { code: string; name: string }>(
  actor: AuditActor,
  kind: "region" | "category",
  input: T,
  mode: "create" | "update",
) {
  const table = kind === "region" ? regions : categories;
  try {
    await getDb().transaction(async (tx) => {
      const [before] = await tx.select().from(table).where(eq(table.code, input.code)).limit(1);
      if (mode === "create" && before) throw new UserAdminError(s.codeTaken, "code", 409);
      if (mode === "update" && !before) throw new UserAdminError(s.referenceNotFound, undefined, 404);
      if (mode === "create") await tx.insert(table).values(input as never);
      else await tx.update(table).set({ ...(input as object), updatedAt: new Date() }).where(eq(table.code, input.code));
      await recordAudit(tx, actor, {
        action: `${kind}.${mode}`,
        entityType: kind,
        entityId: input.code,
        before: before ? { ...before, createdAt: undefined, updatedAt: undefined } : undefined,
        after: input,
      });
    });
  } catch (error) {
    const violated = uniqueViolation(error);
    if (violated) throw new UserAdminError(violated.includes("name") ? s.nameTaken : s.codeTaken, violated.includes("name") ? "name" : "code", 409);
    throw error;
  }
}

export const createRegion = (actor: AuditActor, input: RegionInput) => saveReference(actor, "region", input, "create");
export const updateRegion = (actor: AuditActor, input: RegionInput) => saveReference(actor, "region", input, "update");
export const createCategory = (actor: AuditActor, input: CategoryInput) => saveReference(actor, "category", input, "create");
export const updateCategory = (actor: AuditActor, input: CategoryInput) => saveReference(actor, "category", input, "update");
