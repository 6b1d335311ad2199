/**
 * Which Chromium the browser tests use (playwright.config.ts), and installing one when there is
 * none (`npm run test:e2e` runs tests/support/ensure-chromium.ts first): a system Chromium when
 * there is one (CHROMIUM_PATH, then Debian's /usr/bin/chromium), else Playwright's own build.
 * Never a download when a usable browser exists: CI machines and this project's own may have no
 * route to Playwright's CDN.
 */
import fs from "node:fs";

type Exists = (path: string) => boolean;

/** The system Chromium, if any (the config passes it to Playwright; otherwise Playwright uses its own). */
export function systemChromium(env: Record<string, string | undefined> = process.env, exists: Exists = fs.existsSync): string | null {
  return [env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p): p is string => Boolean(p && exists(p))) ?? null;
}

export type ChromiumPlan = { kind: "system" | "playwright" | "install"; executablePath: string };

/** `playwrightPath`: where Playwright's own Chromium is, or will be once installed. */
export function planChromium(options: { env?: Record<string, string | undefined>; playwrightPath: string; exists?: Exists }): ChromiumPlan {
  const exists = options.exists ?? fs.existsSync;
  const system = systemChromium(options.env, exists);
  if (system) return { kind: "system", executablePath: system };
  return { kind: exists(options.playwrightPath) ? "playwright" : "install", executablePath: options.playwrightPath };
}

/** Carries the plan out: says which browser the tests use, or installs Playwright's (saying so). Returns an exit code. */
export function ensureChromium(plan: ChromiumPlan, io: { log: (line: string) => void; runPlaywright: (args: string[]) => number }): number {
  if (plan.kind !== "install") {
    io.log(`Browser tests run in ${plan.kind === "system" ? "the system Chromium" : "Playwright's Chromium"}: ${plan.executablePath}`);
    return 0;
  }
  io.log(`No Chromium found (CHROMIUM_PATH, /usr/bin/chromium, ${plan.executablePath}).`);
  io.log("Installing Playwright's Chromium for the browser tests: npx playwright install chromium");
  const status = io.runPlaywright(["install", "chromium"]);
  if (status !== 0) io.log("Installing Chromium failed: install one (e.g. `apt-get install chromium`) or set CHROMIUM_PATH, then run `npm test` again.");
  return status;
}
