/**
 * Runs before the browser tests (`npm run test:e2e`) so that `npm test` is the only command a new
 * machine needs: with a system Chromium or an installed Playwright Chromium it only says which one
 * is used; otherwise it installs Playwright's (tests/support/chromium.ts).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { chromium } from "@playwright/test";
import { ensureChromium, planChromium } from "./chromium";

const bin = path.resolve("node_modules", ".bin", process.platform === "win32" ? "playwright.cmd" : "playwright");
const status = ensureChromium(planChromium({ playwrightPath: chromium.executablePath() }), {
  log: (line) => console.log(line),
  runPlaywright: (args) => spawnSync(bin, args, { stdio: "inherit", shell: process.platform === "win32" }).status ?? 1,
});
process.exit(status);
