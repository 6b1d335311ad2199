import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MAX_BULLETIN_BYTES } from "~/import/guards";
import { parseBulletin, parseSingleCase } from "~/import/parse";
import type { CaseDocumentContent } from "~/cases/content";
import { contentAidsPure } from "~/aids/aids.server";
import { AIDS_STRINGS } from "~/aids/strings";
import type { DatabaseHandle } from "~/db/db.server";
import { migrateDatabase } from "~/db/migrate.server";

/**
 * npm run cases:check -- <file> [--json]
 * Parses a bulletin (or one case's text) with the importer and runs the three reviewer aids on each
 * case: style findings, figures, similar cases in the database (DATABASE_URL / PGLITE_DIR as the app).
 * On PGlite it reads a snapshot copy of the data directory, so the server may keep running.
 */
const S = AIDS_STRINGS.cli;
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const json = args.includes("--json");

async function openReadable(): Promise<{ handle: DatabaseHandle; cleanup: () => void }> {
  const db = await import("~/db/db.server");
  if (process.env.DATABASE_URL) return { handle: db.openPostgres(process.env.DATABASE_URL, { max: 2 }), cleanup: () => {} };
  const source = db.defaultPgliteDir();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cases-check-"));
  const copy = path.join(tmp, "pglite");
  if (fs.existsSync(source)) fs.cpSync(source, copy, { recursive: true });
  else fs.mkdirSync(copy, { recursive: true });
  return { handle: db.openPglite({ dataDir: copy }), cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

async function main(): Promise<number> {
  if (!file) {
    console.error(S.usage);
    return 1;
  }
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    console.error(S.notFound(file));
    return 1;
  }
  if (stat.size > MAX_BULLETIN_BYTES) {
    console.error(S.tooLarge(MAX_BULLETIN_BYTES / 1024 / 1024));
    return 1;
  }
  const bytes = fs.readFileSync(file);
  if (bytes.includes(0)) {
    console.error(S.notText);
    return 1;
  }
  const text = bytes.toString("utf8");
  let contents: CaseDocumentContent[];
  const bulletin = parseBulletin(text);
  if (bulletin.ok) contents = bulletin.bulletin.categories.flatMap((c) => c.cases.map((x) => x.content as unknown as CaseDocumentContent));
  else {
    const single = parseSingleCase(text);
    // a single case must at least have a title and its 主要做法 items
    if (!single.ok || !single.content.title || !single.content.practices.items.length) {
      const errors = single.ok ? bulletin.errors : single.errors;
      console.error(S.notBulletin + errors.map((e) => e.message).join("；"));
      return 1;
    }
    contents = [single.content as unknown as CaseDocumentContent];
  }

  const { handle, cleanup } = await openReadable();
  const { installDatabase } = await import("~/db/db.server");
  installDatabase(handle);
  try {
    await migrateDatabase({ log: () => {} });
    const { similarCases, backfillAll } = await import("~/aids/similarity.server");
    await backfillAll(handle.db);
    const viewer = { id: "cases-check", roles: ["admin" as const], regions: [] };
    const out = [];
    for (const content of contents) {
      const aids = contentAidsPure(content, new Date());
      const similar = await similarCases(handle.db, { content }, { viewer });
      out.push({
        title: content.title,
        findings: aids.findings.map((f) => ({ rule: f.rule, excerpt: f.excerpt, message: f.message })),
        figures: aids.figures.map((f) => ({ value: f.value, unit: f.unit, asOf: f.asOf, sentence: f.sentence })),
        similar: similar.map((s) => ({ title: s.title, batch: s.batch, region: s.region, score: s.score })),
      });
    }
    if (json) console.log(JSON.stringify(out, null, 2));
    else {
      for (const c of out) {
        console.log(`■ ${c.title}`);
        if (!c.findings.length) console.log(`  ${S.noFindings}`);
        for (const f of c.findings) console.log(`  [${f.rule}] ${f.message}：${f.excerpt}`);
        console.log(`  ${AIDS_STRINGS.panel.figuresTitle}：${c.figures.length}`);
        for (const s of c.similar) console.log(`  ${AIDS_STRINGS.panel.similarTitle}：${s.title}（${s.region}${s.batch ? ` 第${s.batch}批` : ""}）${s.score.toFixed(2)}`);
      }
    }
    return 0;
  } finally {
    await handle.close();
    cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
