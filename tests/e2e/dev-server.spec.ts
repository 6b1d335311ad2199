/**
 * `npm run dev` as a new user starts it: a fresh embedded database (its own PGLITE_DIR), an empty
 * Vite dependency cache (so nothing is pre-bundled from an earlier run), a free port of its own.
 * Then every page type once, for every role (page-tour.ts), the new-case editor first: no console
 * error, no uncaught exception, every page hydrated, and not one reload — before issue #17 the
 * first visits re-bundled dependencies ("new dependencies optimized: drizzle-orm…, lucia") and
 * reloaded the page twice, with "Invalid hook call" in between. At the end SIGTERM stops it cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { freePort } from "../support/ports";
import { expect, test } from "./fixtures";
import { tourEveryPage } from "./page-tour";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test.describe.configure({ mode: "serial" });

let server: ChildProcess | null = null;
let output = "";
let origin = "";
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `pilot-dev-e2e-${process.pid}-`));
// Inside node_modules like Vite's own cache (outside it, Vite would analyse the bundles as app code).
const cacheDir = path.join(root, "node_modules", `.vite-e2e-dev-${process.pid}`);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", PORT: String(port), HOST: "127.0.0.1", PGLITE_DIR: path.join(tempDir, "pglite"), VITE_CACHE_DIR: cacheDir };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  fs.rmSync(cacheDir, { recursive: true, force: true });
  // Its own process group, so the SIGTERM at the end reaches npm and the server under it.
  server = spawn("npm", ["run", "dev"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("服务已启动")) resolve();
    };
    server!.stdout!.on("data", onData);
    server!.stderr!.on("data", onData);
    server!.once("exit", (code) => reject(new Error(`npm run dev exited with ${code}:\n${output}`)));
  });
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) process.kill(-server.pid, "SIGKILL");
  }
  fs.rmSync(tempDir, { recursive: true, force: true });
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test("npm run dev on a fresh database and an empty Vite cache: every page type, no console error, no reload", async ({ browser }) => {
  test.setTimeout(600_000);
  const errors = new Map<Page, string[]>();
  const visited: string[] = [];
  const onPage = (page: Page) => {
    const list: string[] = [];
    errors.set(page, list);
    page.on("console", (message) => {
      if (message.type() === "error") list.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => list.push(`uncaught: ${error.message}`));
  };
  await tourEveryPage(
    browser,
    origin,
    async (page, stop) => {
      // Long enough for a re-optimisation to have reloaded the page, had one been triggered.
      await page.waitForTimeout(500);
      const hydrated = await page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__reactFiber$")));
      const kind = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.type);
      expect(hydrated, `${stop.role} ${stop.path}: hydrated`).toBe(true);
      expect(kind, `${stop.role} ${stop.path}: loaded, not reloaded`).toBe("navigate");
      expect(errors.get(page), `${stop.role} ${stop.path}`).toEqual([]);
      visited.push(`${stop.role} ${stop.path}`);
    },
    { onPage },
  );
  expect(visited.length).toBeGreaterThan(25);
  expect(output).not.toMatch(/new dependencies optimized|optimized dependencies changed|reloading/);
  expect(output).not.toMatch(/Error|错误/);
});
