/**
 * npm run bench:parse
 *
 * The importer's speed, printed, never asserted (timed assertions flake on a busy machine):
 * 1. parsing the real third batch (target: well under 100 ms) and refusing a 50 MB paste by its
 *    size before any parsing (target: under 50 ms, whatever the length): medians after a warm-up;
 * 2. parse time against input size, ordinary and adversarial inputs up to the 1 MB paste limit
 *    (issue #13: 200,000 one-character lines took 70 s; long runs of spaces, ” or 。 backtracked).
 *    Target: ≤ 1 s at 1 MB, growing linearly.
 */
import fs from "node:fs";
import path from "node:path";
import { parseBulletin, parseSingleCase } from "~/import";

const thirdBatch = fs.readFileSync(path.resolve(import.meta.dirname, "../../db/seed/third-batch.md"), "utf8");

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
  ["parse the third batch (11 cases)", median(() => parseBulletin(thirdBatch), 15), 100],
  ["refuse a 50 MB paste (too large)", median(() => parseBulletin(huge), 9), 50],
] as const;
console.log("| figure | median | target |\n|---|---|---|");
for (const [name, ms, target] of rows) console.log(`| ${name} | ${ms.toFixed(1)} ms | < ${target} ms${ms < target ? "" : " — SHORT"} |`);

console.log("\nparse time against input size (target: ≤ 1 s at 1 MB, linear)");
const gens: Record<string, (n: number) => string> = {
  bulletin: (n) => thirdBatch.repeat(Math.max(1, Math.round(n / 25000))).slice(0, n * 4),
  oneChar: (n) => Array.from({ length: n }, () => "字").join("\n"),
  spaces: (n) => "一、" + " ".repeat(n * 4) + "主要做法",
  quotes: (n) => "标题\n" + "”".repeat(n * 4),
  stops: (n) => "标题\n" + "。".repeat(n * 4),
};
for (const [name, g] of Object.entries(gens))
  for (const n of [25000, 50000, 100000, 200000]) {
    const text = g(n);
    let t = performance.now();
    parseBulletin(text);
    const a = performance.now() - t;
    t = performance.now();
    parseSingleCase(text);
    const b = performance.now() - t;
    console.log(`${name.padEnd(9)} ${String(text.length).padStart(8)} chars  bulletin ${a.toFixed(0).padStart(5)} ms  single case ${b.toFixed(0).padStart(5)} ms`);
  }
