import { defineConfig, devices } from "@playwright/test";
import { systemChromium as findSystemChromium } from "./tests/support/chromium";

/**
 * End-to-end tests: `npm run test:e2e` (= `playwright test`).
 *
 * The web server is the production build on a fresh database (tests/e2e/serve.ts): embedded PGlite
 * by default, a new database on a PostgreSQL server when TEST_DATABASE_URL is set.
 *
 * Browser: the system Chromium when there is one (/usr/bin/chromium, or CHROMIUM_PATH), otherwise
 * Playwright's own, which `npm run test:e2e` installs first when it is missing (tests/support/ensure-chromium.ts).
 */
const port = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://127.0.0.1:${port}`;

const systemChromium = findSystemChromium();

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // Flaky tests get fixed, not retried.
  retries: 0,
  workers: process.env.CI ? 1 : undefined,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-first-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: systemChromium
          ? {
              executablePath: systemChromium,
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
              ],
            }
          : {},
      },
    },
  ],
  webServer: {
    command: "npm run build && npx tsx tests/e2e/serve.ts",
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 180_000,
    // SIGTERM (not SIGKILL) so serve.ts can stop the server and drop/remove the test database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
