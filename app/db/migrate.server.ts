/**
 * Migrations with least privilege (app/db/roles.server.ts): with `MIGRATION_DATABASE_URL` set, the
 * schema changes (drizzle, pg-boss) run as that owner role on a connection of their own, then the
 * app role of `DATABASE_URL` is created or checked and granted its rights; the app's own handle
 * never migrates. Without it, `DATABASE_URL` migrates as before (one role for everything).
 */
import { getDatabaseHandle, openPostgres } from "./db.server";
import { appRoleFromUrl, checkAppRole, grantAppRole, migrationUrl, roleOfUrl, type AppRole } from "./roles.server";
import { dbStrings } from "./strings";

export type MigrateOptions = {
  /** Grant to this role instead of the one `DATABASE_URL` names (it must exist unless `DATABASE_URL` gives its password). */
  appRole?: string;
  log?: (line: string) => void;
};

/** Returns the app role that was granted its rights, or null when one role does everything. */
export async function migrateDatabase(options: MigrateOptions = {}): Promise<string | null> {
  const log = options.log ?? console.log;
  const ownerUrl = migrationUrl();
  const separate = Boolean(process.env.MIGRATION_DATABASE_URL) || Boolean(options.appRole);
  if (!separate || !ownerUrl) {
    await getDatabaseHandle().migrate();
    return null;
  }
  const owner = openPostgres(ownerUrl, { max: 1 });
  try {
    await owner.migrate();
  } finally {
    await owner.close();
  }
  await grantAppRole(ownerUrl, appRoleToGrant(options.appRole), log);
  return options.appRole ?? roleOfUrl(process.env.DATABASE_URL);
}

function appRoleToGrant(name: string | undefined): AppRole {
  const fromUrl = process.env.DATABASE_URL && process.env.MIGRATION_DATABASE_URL ? appRoleFromUrl(process.env.DATABASE_URL) : undefined;
  if (!name) {
    if (!fromUrl) throw new Error(dbStrings.noRoleInUrl);
    return fromUrl;
  }
  return { name, password: fromUrl?.name === name ? fromUrl.password : undefined };
}

/**
 * Before serving on PostgreSQL: with `MIGRATION_DATABASE_URL` set the app refuses to start as a
 * role that could rewrite the audit trail (superuser, table owner, …); without it, it warns in
 * production (the setup of before this option, still working).
 */
export async function checkServingRole(log: (line: string) => void = console.warn) {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const { role, problems } = await checkAppRole(url);
  if (problems.length === 0) return;
  if (process.env.MIGRATION_DATABASE_URL) throw new Error(dbStrings.refuseToStart(role, problems));
  if (process.env.NODE_ENV === "production") log(dbStrings.warnPrivileged(role, problems));
}
