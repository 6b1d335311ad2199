/**
 * The proof view of the third batch: its PDF's pages listed with their printed numbers and the
 * cases starting on them, each page as a PNG; access as for the PDF download.
 */
import { describe, expect, it } from "vitest";
import { findChromium } from "~/bulletin/pdf.server";
import { loader as proofLoader } from "~/routes/batches.$number_.proof";
import { loader as pageLoader } from "~/routes/batches.$number_.proof_.$page[.]png";
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { createBatch } from "~/batches/batch-editing.server";
import { getDb } from "~/db/db.server";
import { actorOf } from "~/permissions/require.server";
import { loader as downloadLoader } from "~/routes/bulletins.$number.download.$format";
import { useTestDatabase } from "../support/database";
import { contextFor, get, run } from "../support/requests";

await useTestDatabase();

type ProofData = { version: string; pages: { index: number; printed: number | null; starts: { text: string }[] }[] };

describe.skipIf(!findChromium())("the proof view", () => {
  it("lists every page of the PDF with its printed number and what starts on it, for anyone when published", async () => {
    const result = await run(async () => proofLoader({ request: get("/batches/3/proof"), context: await contextFor(null), params: { number: "3" } }));
    expect(result.status).toBe(200);
    const { pages } = result.data as ProofData;
    expect(pages.length).toBeGreaterThan(60);
    expect(pages[0]).toMatchObject({ index: 1, printed: null });
    const caseOne = pages.find((p) => p.starts.some((s) => s.text === "优化文化服务供给模式和协同治理体系"))!;
    expect(caseOne.printed).toBe(2);
    expect(pages.find((p) => p.starts.some((s) => s.text === "探索“数智化”在线司法解纷新模式"))!.printed).toBe(62);
  }, 240_000);

  it("serves each page as a PNG of the asked width, cacheable for its proof version", async () => {
    const context = await contextFor("publisher");
    const { data } = await run(async () => proofLoader({ request: get("/batches/3/proof"), context, params: { number: "3" } }));
    const { version } = data as ProofData;
    const response = (await pageLoader({ request: get(`/batches/3/proof/6.png?w=400&v=${version}`), context, params: { number: "3", page: "6" } })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("Cache-Control")).toMatch(/immutable/);
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(400); // IHDR width
    expect(Math.abs(png.readUInt32BE(20) - (400 * 297) / 210)).toBeLessThan(2); // A4 proportions
    // Without the current version the image is not to be kept.
    const stale = (await pageLoader({ request: get("/batches/3/proof/6.png"), context, params: { number: "3", page: "6" } })) as Response;
    expect(stale.headers.get("Cache-Control")).toBe("private, no-store");
  }, 240_000);

  it("answers 404 in Chinese for a page the proof does not have, and for a batch nobody may see", async () => {
    const context = await contextFor("publisher");
    for (const page of ["999", "0", "x"]) {
      const response = (await pageLoader({ request: get(`/batches/3/proof/${page}.png`), context, params: { number: "3", page } })) as Response;
      expect(response.status, page).toBe(404);
      expect(await response.text()).toBe("没有这一页。");
    }
    const missing = await run(async () => proofLoader({ request: get("/batches/99/proof"), context: await contextFor(null), params: { number: "99" } }));
    expect(missing.status).toBe(404);
  }, 240_000);
});

describe("downloads of a batch not yet published", () => {
  it("send a publisher who must still change a temporary password to /password first; anonymous users get a 404", async () => {
    const publisher = await contextFor("publisher");
    const batch = await createBatch(publisher.auth.user!, actorOf(publisher), { title: "第四批", preface: [] });
    const number = String(batch.number);
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.username, "publisher"));
    try {
      const temporary = await contextFor("publisher");
      for (const call of [
        () => downloadLoader({ request: get(`/bulletins/${number}/download/md`), context: temporary, params: { number, format: "md" } }),
        () => proofLoader({ request: get(`/batches/${number}/proof`), context: temporary, params: { number } }),
        () => pageLoader({ request: get(`/batches/${number}/proof/1.png`), context: temporary, params: { number, page: "1" } }),
      ] as (() => Promise<unknown>)[]) {
        const result = await run(call);
        expect(result.status).toBe(302);
        expect(result.location).toBe("/password");
      }
      const anonymous = await run(async () => downloadLoader({ request: get(`/bulletins/${number}/download/md`), context: await contextFor(null), params: { number, format: "md" } }));
      expect(anonymous.status).toBe(404);
    } finally {
      await getDb().update(users).set({ mustChangePassword: false }).where(eq(users.username, "publisher"));
    }
  });
});
