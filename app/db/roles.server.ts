/**
 * Least privilege on PostgreSQL (issue #13): migrations run as the *owner* role
 * (`MIGRATION_DATABASE_URL`), the app connects (`DATABASE_URL`) as a role that owns nothing and may
 * only read and write rows — on the audit trail only INSERT and SELECT. Such a role cannot DROP or
 * ALTER a table, disable its triggers, TRUNCATE, or `SET session_replication_role` (superuser
 * only), so the append-only triggers of `audit_events` and `audit_checkpoints` hold against it.
 *
 * `grantAppRole` (run by `db:migrate` and every start, after the migrations, as the owner) creates
 * the app role if it is missing and grants exactly these rights, now and — through ALTER DEFAULT
 * PRIVILEGES — on the tables and sequences later migrations (and pg-boss's queues) create.
 * `checkAppRole` (run as the app) refuses a role that could rewrite history.
 */
import postgres from "postgres";
import { JOB_SCHEMA } from "~/jobs/boss.server";
import { dbStrings } from "./strings";

/** Schemas whose rows the app reads and writes: its own tables and pg-boss's. drizzle's migration journal is not among them. */
const APP_SCHEMAS = ["public", JOB_SCHEMA] as const;
/** Append-only tables: the app may add rows and read them, nothing else. */
export const APPEND_ONLY_TABLES = ["audit_events", "audit_checkpoints"] as const;

const ROLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export type AppRole = { name: string; password?: string };

/** The app's role as named by its connection URL (`DATABASE_URL`). */
export function appRoleFromUrl(url: string): AppRole {
  const u = new URL(url);
  const name = decodeURIComponent(u.username);
  if (!name) throw new Error(dbStrings.noRoleInUrl);
  return { name, password: u.password ? decodeURIComponent(u.password) : undefined };
}

export function roleOfUrl(url: string | undefined) {
  if (!url) return null;
  try {
    return decodeURIComponent(new URL(url).username) || null;
  } catch {
    return null;
  }
}

/**
 * The URL migrations run with: `MIGRATION_DATABASE_URL`, else `DATABASE_URL` (one role for both,
 * as before). Only for PostgreSQL: with PGlite there are no roles.
 */
export function migrationUrl(env: NodeJS.ProcessEnv = process.env) {
  const migration = env.MIGRATION_DATABASE_URL || undefined;
  if (migration && !env.DATABASE_URL) throw new Error(dbStrings.migrationUrlWithoutDatabaseUrl);
  return migration ?? env.DATABASE_URL ?? undefined;
}

/** True when migrations and the app use two different roles (least privilege is in force). */
export function separateRoles(env: NodeJS.ProcessEnv = process.env) {
  const owner = roleOfUrl(env.MIGRATION_DATABASE_URL || undefined);
  const app = roleOfUrl(env.DATABASE_URL || undefined);
  return Boolean(owner && app && owner !== app);
}

/**
 * As the owner (the role that ran the migrations): creates `role` if missing (LOGIN with its
 * password, no attribute beyond that), refuses one that is a superuser, can bypass row security
 * or is a member of the owner, and grants it exactly the app's rights. Idempotent.
 */
export async function grantAppRole(ownerUrl: string, role: AppRole, log: (line: string) => void = () => {}) {
  if (!ROLE_NAME.test(role.name)) throw new Error(dbStrings.badRoleName(role.name));
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [owner] = await sql<{ name: string; db: string }[]>`select current_user as name, current_database() as db`;
    if (owner!.name === role.name) throw new Error(dbStrings.sameRole(role.name));
    const [existing] = await sql<{ rolsuper: boolean; rolbypassrls: boolean; member: boolean }[]>`
      select rolsuper, rolbypassrls, pg_has_role(oid, current_user, 'USAGE') as member from pg_roles where rolname = ${role.name}`;
    if (!existing) {
      if (!role.password) throw new Error(dbStrings.roleMissingNoPassword(role.name));
      // format() quotes the name and the password: no string building of our own.
      const [{ statement }] = (await sql<{ statement: string }[]>`
        select format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', ${role.name}::text, ${role.password}::text) as statement`) as unknown as [{ statement: string }];
      try {
        await sql.unsafe(statement);
      } catch (error) {
        throw new Error(dbStrings.cannotCreateRole(role.name, error instanceof Error ? error.message : String(error)));
      }
      log(dbStrings.roleCreated(role.name));
    } else if (existing.rolsuper || existing.rolbypassrls || existing.member) {
      throw new Error(dbStrings.roleTooPowerful(role.name));
    }
    const [{ owned }] = (await sql<{ owned: number }[]>`
      select count(*)::int as owned from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where pg_get_userbyid(c.relowner) = ${role.name} and n.nspname = any(${APP_SCHEMAS as unknown as string[]})`) as unknown as [{ owned: number }];
    if (owned > 0) throw new Error(dbStrings.roleOwnsTables(role.name));

    const app = sql(role.name);
    const schemas = APP_SCHEMAS.map((s) => sql(s));
    await sql.begin(async (tx) => {
      await tx`grant connect, temporary on database ${tx(owner!.db)} to ${app}`;
      for (const schema of schemas) {
        await tx`revoke create on schema ${schema} from ${app}`;
        await tx`grant usage on schema ${schema} to ${app}`;
        // Start from nothing (a role granted more earlier loses it), then exactly the rows' rights.
        await tx`revoke all on all tables in schema ${schema} from ${app}`;
        await tx`grant select, insert, update, delete on all tables in schema ${schema} to ${app}`;
        await tx`revoke all on all sequences in schema ${schema} from ${app}`;
        await tx`grant usage, select on all sequences in schema ${schema} to ${app}`;
        // What the owner creates later (new migrations, pg-boss's per-queue partitions) gets the same.
        await tx`alter default privileges in schema ${schema} grant select, insert, update, delete on tables to ${app}`;
        await tx`alter default privileges in schema ${schema} grant usage, select on sequences to ${app}`;
      }
      for (const table of APPEND_ONLY_TABLES) await tx`revoke update, delete, truncate, references, trigger on ${tx(table)} from ${app}`;
    });
    log(dbStrings.rightsGranted(role.name));
  } finally {
    await sql.end();
  }
}

export type RoleCheck = { role: string; problems: string[] };

/**
 * As the app: what this connection could do that the app must not. Empty `problems` = least
 * privilege holds (not a superuser, owns no table, cannot set session_replication_role, cannot
 * change or remove an audit event).
 */
export async function checkAppRole(url: string): Promise<RoleCheck> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ role: string; superuser: boolean; owned: number; replication: boolean; rewrite: boolean }[]>`
      select current_user as role,
             (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) as superuser,
             (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where pg_has_role(current_user, c.relowner, 'USAGE') and n.nspname = any(${APP_SCHEMAS as unknown as string[]})) as owned,
             has_parameter_privilege('session_replication_role', 'SET') as replication,
             (to_regclass('public.audit_events') is not null
               and (has_table_privilege('public.audit_events', 'UPDATE') or has_table_privilege('public.audit_events', 'DELETE')
                    or has_table_privilege('public.audit_events', 'TRUNCATE'))) as rewrite`;
    const problems: string[] = [];
    if (row!.superuser) problems.push(dbStrings.problemSuperuser);
    if (row!.owned > 0) problems.push(dbStrings.problemOwner(row!.owned));
    if (row!.replication && !row!.superuser) problems.push(dbStrings.problemReplicationRole);
    if (row!.rewrite) problems.push(dbStrings.problemAuditRights);
    return { role: row!.role, problems };
  } finally {
    await sql.end();
  }
}
