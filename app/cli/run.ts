import { DatabaseLockedError } from "~/db/lock.server";
import { closeDatabase } from "~/db/db.server";

/**
 * Runs a CLI command: closes the database afterwards (flushing PGlite and releasing its lock) and
 * turns known failures into one clear line on stderr and a non-zero exit.
 */
export async function runCli(main: () => Promise<number | void>) {
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    code = error instanceof DatabaseLockedError ? 3 : 1;
    console.error(error instanceof Error ? error.message : String(error));
    if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
  } finally {
    await closeDatabase().catch(() => {});
  }
  process.exit(code);
}
