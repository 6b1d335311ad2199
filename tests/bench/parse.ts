/**
 * npm run bench:parse
 *
 * The importer's speed, printed, never asserted (timed assertions flake on a busy machine):
 * parsing the real third batch (target: well under 100 ms), and refusing a 50 MB paste by its size
 * before any parsing (target: under 50 ms, whatever the length). Median of several runs after a
 * warm-up.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseBulletin } from "~/import";

const text = readFileSync(path.resolve(import.meta.dirname, "../../db/seed/third-batch.md"), "utf8");

function median(run: () => unknown, times: number) {
  run(); // warm up
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

const huge = "很".repeat(50 * 1024 * 1024);
const rows = [
  ["parse the third batch (11 cases)", median(() => parseBulletin(text), 15), 100],
  ["refuse a 50 MB paste (too large)", median(() => parseBulletin(huge), 9), 50],
] as const;

console.log("| figure | median | target |\n|---|---|---|");
for (const [name, ms, target] of rows) console.log(`| ${name} | ${ms.toFixed(1)} ms | < ${target} ms${ms < target ? "" : " — SHORT"} |`);
