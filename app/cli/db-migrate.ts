import { getDatabaseHandle } from "~/db/db.server";
import { checkServingRole, migrateDatabase } from "~/db/migrate.server";
import { dbStrings } from "~/db/strings";
import { runCli } from "./run";

/**
 * npm run db:migrate [-- --app-role=<name>]
 *
 * With MIGRATION_DATABASE_URL (the owner) and DATABASE_URL (the app): migrates as the owner, then
 * creates the app role if missing (name and password from DATABASE_URL) and grants it exactly the
 * app's rights. `--app-role` grants to that role instead, e.g. when the owner's DATABASE_URL is all
 * this shell has (the role must exist then, or DATABASE_URL must carry its password).
 */
await runCli(async () => {
  const appRole = optionValue("--app-role");
  const granted = await migrateDatabase({ appRole });
  const handle = getDatabaseHandle();
  console.log(dbStrings.migrated(handle.driver, handle.location));
  if (granted && !appRole) {
    await checkServingRole();
    console.log(dbStrings.appRoleOk(granted));
  }
});

function optionValue(name: string) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i]!.startsWith(`${name}=`)) return args[i]!.slice(name.length + 1);
  }
  return undefined;
}
