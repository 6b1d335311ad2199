import fs from "node:fs";
import { MAX_BULLETIN_BYTES } from "~/import/guards";
import { parseBulletin } from "~/import/parse";
import { summarize } from "~/import/resolve";

/**
 * npm run bulletin:import -- <file> [--dry-run] [--json]
 * Parses a published bulletin and (unless --dry-run) writes it as a published batch, attributed
 * to the system actor. --json prints one summary object on stdout; errors go to stderr.
 */
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const dryRun = args.includes("--dry-run");
const json = args.includes("--json");

// The database modules load only when something is written, so a dry run stays fast.
async function main(): Promise<number> {
  if (!file) {
    console.error("用法：npm run bulletin:import -- <文件> [--dry-run] [--json]");
    return 2;
  }
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    console.error(`找不到文件：${file}`);
    return 2;
  }
  if (stat.size > MAX_BULLETIN_BYTES) {
    console.error(`文件过大（${(stat.size / 1024 / 1024).toFixed(1)} MB），上限为 ${MAX_BULLETIN_BYTES / 1024 / 1024} MB。`);
    return 1;
  }
  const parsed = parseBulletin(fs.readFileSync(file, "utf8"));
  if (!parsed.ok) {
    for (const e of parsed.errors) console.error(`${file}:${e.line}: ${e.message}`);
    return 1;
  }
  for (const w of parsed.warnings) console.error(`${file}: 提示：${w.message}`);
  const summary = summarize(parsed.bulletin);
  if (!dryRun) {
    const [{ SYSTEM_ACTOR }, { getDatabaseHandle }, { seedReferenceData }, { importBulletin, ImportRefused }] = await Promise.all([
      import("~/audit/audit.server"),
      import("~/db/db.server"),
      import("~/db/seed.server"),
      import("~/import/import.server"),
    ]);
    const handle = getDatabaseHandle();
    await (await import("~/db/migrate.server")).migrateDatabase({ log: () => {} });
    await seedReferenceData();
    try {
      const outcome = await importBulletin(SYSTEM_ACTOR, parsed.bulletin);
      if (!json) console.log(`已导入第 ${outcome.batchNumber} 批，共 ${outcome.caseIds.length} 个案例（${handle.driver}: ${handle.location}）。`);
    } catch (error) {
      if (error instanceof ImportRefused) {
        for (const i of error.issues) console.error(`${file}:${i.line}: ${i.message}`);
        return 1;
      }
      throw error;
    }
  }
  if (json) console.log(JSON.stringify(summary));
  else if (dryRun) {
    console.log(`${summary.title}（第 ${summary.batch} 批）：${summary.cases.length} 个案例（仅解析，未写入）`);
    for (const c of summary.cases) console.log(`  [${c.category}] ${c.title} · 做法 ${c.practices} · 效果 ${c.effects} · 下一步 ${c.nextSteps || "一段"} · ${c.regions.join("、")}`);
  }
  return 0;
}

if (dryRun) process.exitCode = await main();
else {
  const { runCli } = await import("./run");
  await runCli(main);
}
