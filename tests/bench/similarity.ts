/**
 * npm run bench:similarity [-- --cases 10000]
 * Builds an in-memory PGlite with N synthetic cases (sentences of the real third batch, shuffled and
 * recombined, so the text is real Chinese bulletin prose), indexes them, and prints the time of one
 * similarity query per case (MinHash/LSH in the database), then the same with pg_trgm on 1,000 of them
 * for comparison (docs/decisions/0001-case-similarity.md).
 */
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { cases, caseSimilarity, caseSimilarityBands, caseVersions } from "#db/schema";
import { installDatabase, openPglite, rowsOf } from "~/db/db.server";
import { seedReferenceData, THIRD_BATCH_FILE } from "~/db/seed.server";
import { bandKeys, comparableText, shingleHashes, signatureOf } from "~/aids/minhash";
import { similarCases } from "~/aids/similarity.server";
import { parseBulletin } from "~/import/parse";
import { caseText } from "~/aids/similarity.server";
import type { CaseDocumentContent } from "~/cases/content";

const N = Number(process.argv[process.argv.indexOf("--cases") + 1]) || 10_000;
const QUERIES = 50;

function rng(seed: number) {
  return () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0) / 2 ** 32;
}

async function main() {
  const parsed = parseBulletin(readFileSync(THIRD_BATCH_FILE, "utf8"));
  if (!parsed.ok) throw new Error("third batch");
  const sentences = parsed.bulletin.categories
    .flatMap((c) => c.cases.map((x) => caseText(x.content as unknown as CaseDocumentContent)))
    .join("")
    .split(/(?<=。)/)
    .filter((s) => s.length > 10);
  const rand = rng(42);
  const synth = () => Array.from({ length: 40 }, () => sentences[Math.floor(rand() * sentences.length)]).join("");

  const asContent = (text: string) => ({ title: text.slice(0, 20), intro: [{ text }], practices: { items: [] }, effects: { heading: "实践效果", items: [] }, nextSteps: { heading: "下一步创新方向", kind: "paragraph", text: { text: "" } } }) as unknown as CaseDocumentContent;
  const handle = openPglite();
  installDatabase(handle);
  await handle.migrate();
  await seedReferenceData();
  const [{ code: category }] = rowsOf<{ code: string }>(await handle.db.execute(sql`select code from categories limit 1`));
  const texts: string[] = [];
  const t0 = performance.now();
  for (let start = 0; start < N; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(N, start + 500); i++) {
      const text = synth();
      texts.push(text);
      rows.push({ id: randomUUID(), text });
    }
    await handle.db.insert(cases).values(rows.map((r) => ({ id: r.id, title: r.text.slice(0, 20), categoryCode: category, leadRegion: "beijing", state: "published" })));
    await handle.db.insert(caseVersions).values(rows.map((r) => ({ caseId: r.id, version: 1, content: asContent(r.text), kind: "import" })));
    const sigs = rows.map((r) => ({ caseId: r.id, signature: signatureOf(shingleHashes(comparableText(r.text))) }));
    await handle.db.insert(caseSimilarity).values(sigs);
    await handle.db.insert(caseSimilarityBands).values(sigs.flatMap((s) => bandKeys(s.signature).map((key, band) => ({ caseId: s.caseId, band, key }))));
  }
  console.log(`${N} cases generated and indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await handle.db.execute(sql`analyze`);

  const viewer = { id: "bench", roles: ["admin" as const], regions: [] };
  // queries: half new synthetic texts, half lightly edited copies of stored ones
  const queries = Array.from({ length: QUERIES }, (_, i) => (i % 2 ? synth() : texts[Math.floor(rand() * texts.length)].replace(/。/, "，并进一步完善。")));
  await similarCases(handle.db, { content: asContent(queries[0]) }, { viewer }); // warm up
  let best = 0;
  const t1 = performance.now();
  for (const q of queries) {
    const r = await similarCases(handle.db, { content: asContent(q) }, { viewer });
    best += r[0]?.score ?? 0;
  }
  const perCase = (performance.now() - t1) / QUERIES;
  if (process.argv.includes("--explain")) {
    const sig = signatureOf(shingleHashes(comparableText(queries[1])));
    const keys = bandKeys(sig);
    const plan = await handle.db.execute(sql`explain analyze select b.case_id, count(*) from case_similarity_bands b join unnest(${sql.param(keys.map((_, i) => i))}::int[], ${sql.param(keys)}::int[]) as q(band, key) on b.band = q.band and b.key = q.key group by b.case_id`);
    console.log(rowsOf<Record<string, string>>(plan).map((r) => Object.values(r)[0]).join("\n"));
  }
  console.log(`MinHash/LSH similarity at ${N} cases: ${perCase.toFixed(1)} ms per case (target ≤ 100 ms); mean best score ${(best / QUERIES).toFixed(2)}`);

  // pg_trgm for comparison, on the first 1,000 texts
  await handle.db.execute(sql`create extension if not exists pg_trgm`);
  await handle.db.execute(sql`create table trgm_bench (id int primary key, body text not null)`);
  for (let i = 0; i < Math.min(1000, texts.length); i += 200) {
    const chunk = texts.slice(i, i + 200).map((t, k) => sql`(${i + k}, ${comparableText(t)})`);
    await handle.db.execute(sql`insert into trgm_bench values ${sql.join(chunk, sql`, `)}`);
  }
  await handle.db.execute(sql`create index trgm_bench_idx on trgm_bench using gin (body gin_trgm_ops)`);
  const t2 = performance.now();
  for (const q of queries.slice(0, 10)) {
    await handle.db.execute(sql`select id, similarity(body, ${comparableText(q)}) as s from trgm_bench where body % ${comparableText(q)} order by s desc limit 5`);
  }
  console.log(`pg_trgm similarity at ${Math.min(1000, texts.length)} cases: ${((performance.now() - t2) / 10).toFixed(1)} ms per case`);
  await handle.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
