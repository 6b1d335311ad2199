import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "~/db/db.server";
import { freshCliDatabase, runCli } from "../support/cli";

type Checked = { title: string; findings: { rule: string; excerpt: string; message: string }[]; figures: { value: string; unit: string; asOf: string | null; sentence: string }[]; similar: { title: string; batch: number | null; region: string; score: number }[] };

describe("npm run cases:check", () => {
  it("prints, case by case in document order, findings, figures and the similar cases in the database", async () => {
    const { env, engine } = await freshCliDatabase();
    expect(runCli("app/cli/bulletin-import.ts", ["db/seed/third-batch.md"], env).code).toBe(0);
    // on PGlite the check reads a snapshot, so a process holding the directory (the server) may stay
    const holder = engine === "pglite" ? openPglite({ dataDir: env.PGLITE_DIR! }) : null;
    try {
      const result = runCli("app/cli/cases-check.ts", ["db/seed/third-batch.md", "--json"], env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const out = JSON.parse(result.stdout) as Checked[];
      expect(out).toHaveLength(11);
      expect(Object.keys(out[0])).toEqual(["title", "findings", "figures", "similar"]);
      expect(out[1].title).toBe("创新科技研发和成果转化生态体系");
      expect(out[1].findings.map((f) => f.rule)).toEqual(["english-word", "english-word"]);
      expect(out[1].findings[0]).toMatchObject({ excerpt: "…开发区、孵化器 etc 科创载体，成立…" });
      expect(out[2].figures).toContainEqual(expect.objectContaining({ value: "308", unit: "家", asOf: "2024-08" }));
      // each case finds its published self first, with the batch and region
      for (const c of out) expect(c.similar[0]).toMatchObject({ title: c.title, batch: 3, score: 1 });
      expect(out.every((c) => c.similar.slice(1).every((s) => s.score < 0.5))).toBe(true);
    } finally {
      await holder?.close();
    }
  }, 180_000);

  it("refuses input that is not a bulletin or case, binary or missing, in Chinese with exit code 1", async () => {
    const { env } = await freshCliDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cases-check-"));
    const binary = path.join(dir, "x.bin");
    fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
    try {
      const notCase = runCli("app/cli/cases-check.ts", ["package.json"], env);
      expect(notCase.code).toBe(1);
      expect(notCase.stderr).toContain("无法识别为公报或案例文本");
      const bin = runCli("app/cli/cases-check.ts", [binary], env);
      expect(bin.code).toBe(1);
      expect(bin.stderr).toContain("不是 UTF-8 文本");
      const missing = runCli("app/cli/cases-check.ts", [path.join(dir, "none.md")], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("找不到文件");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
