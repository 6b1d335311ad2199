import fs from "node:fs";
import { DEMO_USERS, expect, loginAs, logout, mainNav, submitLogin, test, type DemoUser } from "./fixtures";

/**
 * Accounts, roles, navigation and the HTTP hardening of the foundation.
 *
 * Failed logins: the server slows an address after 100 failures in an hour and all e2e traffic
 * comes from 127.0.0.1, so the whole e2e suite stays well under that. This file fails at most
 * 13 logins (1 wrong password + up to 12 for the throttle test). Count before adding more.
 */

/**
 * The main navigation, as a table: every link by label with its address, then the labels each
 * demo account must see. A label listed for some account is asserted ABSENT for every account that
 * does not list it. When a page is added to the navigation (app/layout/navigation.ts), add it here.
 */
const NAV_LINKS = {
  工作台: "/",
  本地区案例: "/cases",
  审核队列: "/review",
  案例征集: "/calls",
  公报编辑: "/batches",
  统计图表: "/figures",
  已发布公报: "/bulletins",
  通知: "/inbox",
  搜索: "/search",
  全部案例: "/admin/cases",
  用户管理: "/admin/users",
  试点地区: "/admin/regions",
  案例类别: "/admin/categories",
  导入公报: "/admin/import",
  审计日志: "/admin/audit",
} as const;
type NavLabel = keyof typeof NAV_LINKS;

const NAVIGATION: Record<DemoUser, NavLabel[]> = {
  admin: ["工作台", "案例征集", "统计图表", "已发布公报", "通知", "搜索", "全部案例", "用户管理", "试点地区", "案例类别", "导入公报", "审计日志"],
  reviewer: ["工作台", "审核队列", "案例征集", "统计图表", "已发布公报", "通知", "搜索"],
  publisher: ["工作台", "案例征集", "公报编辑", "统计图表", "已发布公报", "通知", "搜索"],
  beijing: ["工作台", "本地区案例", "案例征集", "已发布公报", "通知", "搜索"],
  shanghai: ["工作台", "本地区案例", "案例征集", "已发布公报", "通知", "搜索"],
};

test.describe("navigation by role", () => {
  for (const [username, labels] of Object.entries(NAVIGATION) as [DemoUser, NavLabel[]][]) {
    test(`${username} (${DEMO_USERS[username]}) sees ${labels.join("、")}`, async ({ page }) => {
      await loginAs(page, username);
      await expect(page.getByTestId("current-user")).toHaveText(DEMO_USERS[username]);
      const nav = mainNav(page);
      for (const [label, href] of Object.entries(NAV_LINKS) as [NavLabel, string][]) {
        const link = nav.getByRole("link", { name: label, exact: true });
        if (labels.includes(label)) await expect(link, `${username} should see ${label}`).toHaveAttribute("href", href);
        else await expect(link, `${username} should not see ${label}`).toHaveCount(0);
      }
    });
  }
});

test("a submitter opening an admin page gets the 403 page", async ({ page }) => {
  await loginAs(page, "beijing");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "无权访问（403）" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("a wrong password shows an error (HTTP 400)", async ({ page }) => {
  const responsePromise = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login"));
  await submitLogin(page, "reviewer", "not-the-password");
  expect((await responsePromise).status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText("用户名或密码错误。");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("repeated failed logins for one account from one address are slowed with a 429", async ({ page }) => {
  // A name that does not exist: only the account+address key is at stake, no demo account is slowed.
  // Five failures are free, then each one doubles the wait (1 s, 2 s, 4 s …): within 12 tries a
  // try comes sooner than its wait, however slow this machine is.
  const username = `nobody-e2e-${Date.now().toString(36)}`;
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= 12 && !statuses.includes(429); attempt++) {
    const responsePromise = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login"));
    await submitLogin(page, username, `wrong-${attempt}`);
    statuses.push((await responsePromise).status());
    await expect(page.getByRole("alert")).toBeVisible();
  }
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
  expect(statuses.at(-1)).toBe(429);
  await expect(page.getByRole("alert")).toHaveText(/^登录失败次数过多/);
});

test("a user created by an admin must set a new password at first login", async ({ page }) => {
  const username = `e2e-${Date.now().toString(36)}`;
  const displayName = `测试用户${username.slice(-4)}`;
  const initialPassword = "Initial-pass-1";
  const newPassword = "Brand-new-pass-2";

  await loginAs(page, "admin");
  await mainNav(page).getByRole("link", { name: "用户管理", exact: true }).click();
  await page.getByRole("link", { name: "新建用户", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin/users/new");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("姓名", { exact: true }).fill(displayName);
  await page.getByLabel("初始密码", { exact: true }).fill(initialPassword);
  await page.getByRole("checkbox", { name: "地方填报人", exact: true }).check();
  await page.getByRole("checkbox", { name: "北京市", exact: true }).check();
  await page.getByRole("button", { name: "创建用户", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin/users");
  await expect(page.getByRole("status")).toHaveText("用户已创建。");
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();
  await logout(page);

  await submitLogin(page, username, initialPassword);
  await expect(page).toHaveURL((url) => url.pathname === "/password");
  await expect(page.getByRole("status")).toContainText("请先设置新密码");
  await expect(mainNav(page)).toHaveCount(0);
  // Nothing else opens before the password is changed.
  await page.goto("/");
  await expect(page).toHaveURL((url) => url.pathname === "/password");

  await page.getByLabel("当前密码", { exact: true }).fill(initialPassword);
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("确认新密码", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "保存新密码", exact: true }).click();
  // After the first-login change the user lands on the dashboard, with the confirmation.
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("status")).toContainText("密码已修改");
  await expect(page.getByRole("heading", { level: 1, name: `${displayName}，您好` })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveText(displayName);

  // The new password is the one that works now.
  await logout(page);
  await loginAs(page, username, newPassword);
  await expect(page.getByRole("heading", { level: 1, name: `${displayName}，您好` })).toBeVisible();
});

test("an admin sees login events in the audit log and downloads them as CSV", async ({ page }) => {
  await loginAs(page, "admin");
  await mainNav(page).getByRole("link", { name: "审计日志", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();

  await page.getByRole("combobox", { name: "操作" }).selectOption({ label: "登录成功" });
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("action") === "auth.login");
  // Each event reads as a sentence: who did what.
  const events = page.getByRole("main").getByRole("listitem");
  await expect(events.filter({ hasText: "系统管理员 登录了系统" }).first()).toBeVisible();
  await expect(events.filter({ hasText: "登录失败" })).toHaveCount(0);
  // No raw JSON until the technical details are asked for.
  await expect(page.getByText("技术详情", { exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "显示技术详情（原始 JSON）" }).click();
  await expect(page.getByText("技术详情", { exact: true }).first()).toBeVisible();

  const link = page.getByRole("link", { name: "下载 CSV", exact: true });
  await expect(link).toHaveAttribute("href", /^\/admin\/audit\.csv\?.*action=auth\.login/);
  const downloadPromise = page.waitForEvent("download");
  await link.click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = fs.readFileSync(await download.path());
  expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = file.toString("utf8").slice(1);
  expect(text.split("\n")[0]).toContain("操作代码");
  expect(text).toContain("auth.login");

  // The same download through the API: the headers.
  const response = await page.request.get("/admin/audit.csv");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/csv/);
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
});

test("after logout an admin page sends the visitor to the login page", async ({ page }) => {
  await loginAs(page, "admin");
  await logout(page);
  await page.goto("/admin/users");
  await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === "/admin/users");
  await expect(page.getByRole("button", { name: "登录", exact: true })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("a cross-origin POST is refused with 403", async ({ page }) => {
  await loginAs(page, "admin");
  const response = await page.request.post("/logout", { headers: { Origin: "http://evil.example" }, form: {} });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("请求来源不被允许");
  // The session survived the forged logout.
  await page.reload();
  await expect(page.getByTestId("current-user")).toHaveText(DEMO_USERS.admin);
});

test("the login page carries the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values] as const),
  );
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  const scriptSrc = directives.get("script-src") ?? directives.get("default-src") ?? [];
  expect(scriptSrc.length).toBeGreaterThan(0);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc.some((s) => s.startsWith("'nonce-"))).toBe(true);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  // Every inline script carries this response's nonce (the page would not hydrate otherwise).
  const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))!.slice("'nonce-".length, -1);
  const inlineNonces = await page.locator("script:not([src])").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(inlineNonces.length).toBeGreaterThan(0);
  for (const n of inlineNonces) expect(n).toBe(nonce);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the login form works and leads to the dashboard", async ({ page }) => {
    await loginAs(page, "admin");
    await expect(page.getByTestId("current-user")).toHaveText(DEMO_USERS.admin);
    await expect(mainNav(page).getByRole("link", { name: "用户管理", exact: true })).toBeVisible();
  });
});
