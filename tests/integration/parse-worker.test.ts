/**
 * One paste cannot stall the server (issue #13): a maximal paste is parsed in a worker thread
 * while the server goes on answering. An express app in this process (the real createApp) answers
 * /healthz while the paste is being parsed: were the parse on this event loop, the answer would
 * only come after it.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBulletin, parseSingleCase } from "~/import";
import { closeParsePool, INLINE_PARSE_CHARS, parseBulletinOffThread, parseSingleCaseOffThread } from "~/import/parse-pool.server";
import { createApp } from "~/server/http.server";

let server: Server;
let origin = "";

beforeAll(async () => {
  const app = createApp({ mode: "production", getBuild: () => Promise.reject(new Error("not used")), clientBuildDir: "public" });
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await closeParsePool();
  await new Promise<void>((r) => server.close(() => r()));
});

describe("parsing off the event loop", () => {
  it("answers /healthz while a maximal paste (200,000 one-character lines, 800 KB) is being parsed", async () => {
    const paste = Array.from({ length: 200_000 }, () => "字").join("\n");
    let parsed = false;
    const parsing = parseSingleCaseOffThread(paste).then((r) => {
      parsed = true;
      return r;
    });
    const health = await fetch(`${origin}/healthz`);
    expect(await health.text()).toBe("ok");
    expect(parsed, "the health check waited for the parse").toBe(false);
    const result = await parsing;
    expect(result.ok).toBe(true);
  });

  it("gives the same result as parsing inline, for a bulletin and a case above the inline size", async () => {
    const bulletin = fs.readFileSync("db/seed/third-batch.md", "utf8").repeat(3);
    expect(bulletin.length).toBeGreaterThan(INLINE_PARSE_CHARS);
    expect(await parseBulletinOffThread(bulletin)).toEqual(parseBulletin(bulletin));
    expect(await parseSingleCaseOffThread(bulletin)).toEqual(parseSingleCase(bulletin));
  });
});
