import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { regions, userRegions, userRoles, users } from "#db/schema";
import { recordAudit, type AuditActor } from "~/audit/audit.server";
import { hashPassword } from "~/auth/password.server";
import { endAllSessions } from "~/auth/session.server";
import { likePattern } from "~/db/like";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import type { Role } from "~/permissions/permissions";
import { adminStrings as s } from "./strings";

export class UserAdminError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  mustChangePassword: boolean;
  updatedAt: Date;
  roles: Role[];
  regions: string[];
};

const rolesAgg = sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = ${users.id}), '{}')`;
const regionsAgg = sql<string[]>`coalesce((select array_agg(g.region_code order by g.region_code) from user_regions g where g.user_id = ${users.id}), '{}')`;

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  updatedAt: users.updatedAt,
  roles: rolesAgg,
  regions: regionsAgg,
};

/** The user list's search (/admin/users): a fragment of the name or username, a region, a role. */
export type UserFilter = { q?: string; region?: string; role?: Role };

function userFilterCondition(filter: UserFilter) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = likePattern(filter.q);
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (filter.region) conditions.push(sql`exists (select 1 from user_regions g where g.user_id = ${users.id} and g.region_code = ${filter.region})`);
  if (filter.role) conditions.push(sql`exists (select 1 from user_roles r where r.user_id = ${users.id} and r.role = ${filter.role})`);
  return conditions.length ? and(...conditions) : undefined;
}

/** One query, however many users: roles and regions come as arrays. */
export async function listUsers(db: Executor, page: { offset: number; limit: number }, filter: UserFilter = {}) {
  const rows = await db.select(userColumns).from(users).where(userFilterCondition(filter)).orderBy(asc(users.username)).offset(page.offset).limit(page.limit + 1);
  return { users: rows.slice(0, page.limit) as UserRow[], hasMore: rows.length > page.limit };
}

export async function getUser(db: Executor, id: string): Promise<UserRow | null> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id)).limit(1);
  return (row as UserRow | undefined) ?? null;
}

async function assertRegionsExist(tx: Transaction, codes: string[]) {
  if (codes.length === 0) return;
  const found = await tx.select({ code: regions.code }).from(regions).where(and(inArray(regions.code, codes), eq(regions.active, true)));
  if (found.length !== new Set(codes).size) throw new UserAdminError(s.regionUnknown, "regions");
}

async function replaceRolesAndRegions(tx: Transaction, userId: string, roleList: Role[], regionList: string[]) {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  await tx.delete(userRegions).where(eq(userRegions.userId, userId));
  const uniqueRoles = [...new Set(roleList)];
  const uniqueRegions = [...new Set(regionList)];
  if (uniqueRoles.length) await tx.insert(userRoles).values(uniqueRoles.map((role) => ({ userId, role })));
  if (uniqueRegions.length) await tx.insert(userRegions).values(uniqueRegions.map((regionCode) => ({ userId, regionCode })));
}

/**
 * Serialises changes that could remove the last admin: two admins demoting each other at the
 * same moment must not both succeed.
 */
async function lockAdminSet(tx: Transaction) {
  await tx.execute(sql`select pg_advisory_xact_lock(${0x61646d696e})`);
}

async function countOtherActiveAdmins(tx: Transaction, exceptUserId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, "admin"), eq(users.active, true), ne(users.id, exceptUserId)));
  return row?.n ?? 0;
}

export type CreateUserInput = { username: string; displayName: string; password: string; roles: Role[]; regions: string[] };

/** Creates an account that must choose a new password at first login. */
export async function createUser(actor: AuditActor, input: CreateUserInput, options: { mustChangePassword?: boolean } = {}) {
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  await getDb().transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).limit(1);
    if (taken) throw new UserAdminError(s.usernameTaken, "username", 409);
    await assertRegionsExist(tx, input.regions);
    await tx.insert(users).values({
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      mustChangePassword: options.mustChangePassword ?? true,
    });
    await replaceRolesAndRegions(tx, id, input.roles, input.regions);
    await recordAudit(tx, actor, {
      action: "user.create",
      entityType: "user",
      entityId: id,
      after: { username: input.username, displayName: input.displayName, roles: input.roles, regions: input.regions },
    });
  });
  return id;
}

export type UpdateUserInput = { displayName: string; roles: Role[]; regions: string[]; active: boolean };

export async function updateUser(actor: AuditActor, userId: string, input: UpdateUserInput) {
  let deactivated = false;
  await getDb().transaction(async (tx) => {
    await lockAdminSet(tx);
    const before = await getUser(tx, userId);
    if (!before) throw new UserAdminError(s.userNotFound, undefined, 404);
    const losesAdmin = before.roles.includes("admin") && before.active && (!input.roles.includes("admin") || !input.active);
    if (losesAdmin && (await countOtherActiveAdmins(tx, userId)) === 0) throw new UserAdminError(s.lastAdmin, "roles", 409);
    await assertRegionsExist(tx, input.regions.filter((r) => !before.regions.includes(r)));
    await tx
      .update(users)
      .set({ displayName: input.displayName, active: input.active, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await replaceRolesAndRegions(tx, userId, input.roles, input.regions);
    const after = { displayName: input.displayName, active: input.active, roles: [...input.roles].sort(), regions: [...input.regions].sort() };
    const beforeView = { displayName: before.displayName, active: before.active, roles: before.roles, regions: before.regions };
    const rolesChanged = JSON.stringify(beforeView.roles) !== JSON.stringify(after.roles) || JSON.stringify(beforeView.regions) !== JSON.stringify(after.regions);
    await recordAudit(tx, actor, {
      action: !input.active && before.active ? "user.deactivate" : input.active && !before.active ? "user.reactivate" : rolesChanged ? "user.roles_change" : "user.update",
      entityType: "user",
      entityId: userId,
      before: beforeView,
      after,
    });
    deactivated = before.active && !input.active;
  });
  if (deactivated) await endAllSessions(userId);
}

/** An admin sets a temporary password; the user must replace it at next login. */
export async function resetPassword(actor: AuditActor, userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new UserAdminError(s.userNotFound, undefined, 404);
    await recordAudit(tx, actor, { action: "user.password_reset", entityType: "user", entityId: userId });
  });
  await endAllSessions(userId);
}


/**
 * Deactivates or reactivates an account from the user list, keeping its roles and regions; the
 * last active admin stays (the same lock and rule as updateUser). Deactivating ends its sessions.
 */
export async function setUserActive(actor: AuditActor, userId: string, active: boolean) {
  let changed = false;
  await getDb().transaction(async (tx) => {
    await lockAdminSet(tx);
    const before = await getUser(tx, userId);
    if (!before) throw new UserAdminError(s.userNotFound, undefined, 404);
    if (before.active === active) return;
    if (!active && before.roles.includes("admin") && (await countOtherActiveAdmins(tx, userId)) === 0) throw new UserAdminError(s.lastAdmin, undefined, 409);
    await tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, actor, {
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
      before: { active: before.active },
      after: { active },
    });
    changed = true;
  });
  if (changed && !active) await endAllSessions(userId);
  return changed;
}

/** A temporary password for a reset from the list: shown once to the admin, replaced at next login. */
export function temporaryPassword() {
  // 12 characters without look-alikes (0/O, 1/l/I), to read out over the phone.
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(12);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}
