/**
 * Parse time against input size, ordinary and adversarial inputs up to the 1 MB paste limit
 * (issue #13: 200,000 one-character lines took 70 s; long runs of spaces, ” or 。 backtracked).
 * Target: ≤ 1 s at 1 MB, growing linearly. `npm run bench:parse` prints the table.
 */
import fs from "node:fs";
import { parseBulletin, parseSingleCase } from "~/import";
const gens: Record<string, (n: number) => string> = {
  bulletin: (n) => fs.readFileSync("db/seed/third-batch.md", "utf8").repeat(Math.max(1, Math.round(n / 25000))).slice(0, n * 4),
  oneChar: (n) => Array.from({ length: n }, () => "字").join("\n"),
  spaces: (n) => "一、" + " ".repeat(n * 4) + "主要做法",
  quotes: (n) => "标题\n" + "”".repeat(n * 4),
  stops: (n) => "标题\n" + "。".repeat(n * 4),
};
for (const [name, g] of Object.entries(gens)) for (const n of [25000, 50000, 100000, 200000]) {
  const text = g(n);
  let t = performance.now(); parseBulletin(text); const a = performance.now() - t;
  t = performance.now(); parseSingleCase(text); const b = performance.now() - t;
  console.log(`${name.padEnd(9)} ${String(text.length).padStart(8)} chars  bulletin ${a.toFixed(0).padStart(5)} ms  single case ${b.toFixed(0).padStart(5)} ms`);
}
