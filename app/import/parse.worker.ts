/** Worker thread side of parse-pool.server.ts: the parsers, off the server's event loop. */
import { parseBulletin, parseSingleCase } from "./parse";

export type ParseTask = { kind: "bulletin" | "single-case"; text: string };

export default function run(task: ParseTask) {
  return task.kind === "bulletin" ? parseBulletin(task.text) : parseSingleCase(task.text);
}
