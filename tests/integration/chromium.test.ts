/**
 * `npm test` on a machine without Chromium installs Playwright's first (and says so); with a system
 * Chromium or an installed Playwright Chromium it never tries to download.
 */
import { spawnSync } from "node:child_process";
import { chromium } from "@playwright/test";
import { describe, expect, it } from "vitest";
import { ensureChromium, planChromium } from "../support/chromium";

const PLAYWRIGHT = "/home/user/.cache/ms-playwright/chromium-1234/chrome-linux/chrome";

function run(plan: ReturnType<typeof planChromium>) {
  const log: string[] = [];
  const calls: string[][] = [];
  const status = ensureChromium(plan, { log: (l) => log.push(l), runPlaywright: (args) => (calls.push(args), 0) });
  return { status, log, calls };
}

describe("the browser for the browser tests", () => {
  it("uses CHROMIUM_PATH, then /usr/bin/chromium, and downloads nothing", () => {
    const present = new Set(["/opt/chromium/chrome", "/usr/bin/chromium", PLAYWRIGHT]);
    const exists = (p: string) => present.has(p);
    expect(planChromium({ env: { CHROMIUM_PATH: "/opt/chromium/chrome" }, playwrightPath: PLAYWRIGHT, exists })).toEqual({ kind: "system", executablePath: "/opt/chromium/chrome" });
    const plan = planChromium({ env: {}, playwrightPath: PLAYWRIGHT, exists });
    expect(plan).toEqual({ kind: "system", executablePath: "/usr/bin/chromium" });
    const { calls, log } = run(plan);
    expect(calls).toEqual([]);
    expect(log.join("\n")).toContain("system Chromium: /usr/bin/chromium");
  });

  it("uses Playwright's own Chromium when it is installed, without installing it again", () => {
    const plan = planChromium({ env: { CHROMIUM_PATH: "/nowhere" }, playwrightPath: PLAYWRIGHT, exists: (p) => p === PLAYWRIGHT });
    expect(plan.kind).toBe("playwright");
    expect(run(plan).calls).toEqual([]);
  });

  it("installs Playwright's Chromium when there is none, and says so", () => {
    const plan = planChromium({ env: {}, playwrightPath: PLAYWRIGHT, exists: () => false });
    const { calls, log, status } = run(plan);
    expect(calls).toEqual([["install", "chromium"]]);
    expect(status).toBe(0);
    expect(log.join("\n")).toMatch(/No Chromium found[\s\S]*npx playwright install chromium/);
  });

  it("stops the test run with the installer's failure and a way out", () => {
    const log: string[] = [];
    const status = ensureChromium({ kind: "install", executablePath: PLAYWRIGHT }, { log: (l) => log.push(l), runPlaywright: () => 1 });
    expect(status).toBe(1);
    expect(log.at(-1)).toContain("CHROMIUM_PATH");
  });

  // On a machine with no Chromium yet the script would really install one: that is test:e2e's job.
  const here = planChromium({ playwrightPath: chromium.executablePath() });
  it.runIf(here.kind !== "install")("the script npm run test:e2e runs first finds this machine's Chromium and exits 0", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tests/support/ensure-chromium.ts"], { encoding: "utf8", timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Browser tests run in (the system Chromium|Playwright's Chromium)/);
    expect(result.stdout).not.toContain("Installing");
  });
});
