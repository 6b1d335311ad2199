/**
 * Large parses run in a worker thread (piscina), so a maximal paste or import never stalls other
 * requests — /healthz and every page keep answering while it is parsed (issue #13). Small inputs,
 * the everyday case paste, are parsed inline: a thread hop would cost more than the parse.
 *
 * The worker loads the TypeScript source through tsx, as the server itself does (`npm start` runs
 * `node --import tsx`), from `app/import/parse.worker.ts` under the working directory.
 */
import path from "node:path";
import { Piscina } from "piscina";
import { parseBulletin, parseSingleCase, type ParseResult, type SingleCaseResult } from "./parse";
import type { ParseTask } from "./parse.worker";

/** Above this many characters a parse goes to the worker. */
export const INLINE_PARSE_CHARS = 64 * 1024;

let pool: Piscina | null = null;

function getPool() {
  pool ??= new Piscina({
    filename: path.resolve(process.env.PARSE_WORKER_FILE ?? "app/import/parse.worker.ts"),
    execArgv: ["--import", "tsx"],
    minThreads: 0,
    maxThreads: 2,
    idleTimeout: 30_000,
    // A parse is bounded by the input caps; this stops a worker that somehow is not.
    maxQueue: 16,
  });
  return pool;
}

async function runTask<T>(task: ParseTask, inline: () => T): Promise<T> {
  if (task.text.length <= INLINE_PARSE_CHARS) return inline();
  return (await getPool().run(task)) as T;
}

export function parseBulletinOffThread(text: string): Promise<ParseResult> {
  return runTask({ kind: "bulletin", text }, () => parseBulletin(text));
}

export function parseSingleCaseOffThread(text: string): Promise<SingleCaseResult> {
  return runTask({ kind: "single-case", text }, () => parseSingleCase(text));
}

/** For shutdown and tests: ends the worker threads. */
export async function closeParsePool() {
  const p = pool;
  pool = null;
  await p?.destroy();
}
