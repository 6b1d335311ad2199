import { test as base, expect, type Page } from "@playwright/test";

/** Password of every demo account (app/db/seed.server.ts). */
export const DEMO_PASSWORD = "demo12345";

/** The demo accounts the fresh e2e database is seeded with. */
export const DEMO_USERS = {
  admin: "系统管理员",
  reviewer: "部委审核人",
  publisher: "案例发布人",
  beijing: "北京市填报人",
  shanghai: "上海市填报人",
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

/**
 * Every test fails if the page reports a Content-Security-Policy violation (say, an inline script
 * without the nonce) or an uncaught exception.
 */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/i.test(message.text())) problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
      await use(problems);
      expect(problems, "CSP violations or uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fills and submits the real login form; does not wait for where it leads. */
export async function submitLogin(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** Logs in through the login form and waits for the dashboard. */
export async function loginAs(page: Page, username: DemoUser | (string & {}), password: string = DEMO_PASSWORD) {
  await submitLogin(page, username, password);
  await expect(page).toHaveURL((url) => url.pathname === "/");
  const displayName = DEMO_USERS[username as DemoUser];
  if (displayName) await expect(page.getByRole("heading", { level: 1, name: `${displayName}，您好` })).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "退出", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "主导航" });
}

/**
 * As a signed-in Beijing submitter: writes a complete case (every required section, one item each)
 * in the editor and saves it as a draft; returns its id.
 */
export async function writeCompleteDraft(page: Page, title: string): Promise<string> {
  await page.goto("/cases/new");
  await page.getByLabel("案例标题", { exact: true }).fill(title);
  await page.getByLabel("案例类别", { exact: true }).selectOption({ label: "体制机制创新" });
  await page.getByLabel("牵头地区", { exact: true }).selectOption({ label: "北京市" });
  await page.getByLabel("导语第 1 段", { exact: true }).fill("北京针对服务贸易中的堵点，探索一站式服务模式。");
  await page.getByLabel("主要做法（一）标题", { exact: true }).fill("建立跨部门协同机制。");
  await page.getByLabel("主要做法（一）第 1 段段落正文", { exact: true }).fill("北京会同有关部门建立协同工作机制，简化办理流程。");
  await page.getByLabel("效果（一）标题", { exact: true }).fill("办理时间明显缩短。");
  await page.getByLabel("效果（一）第 1 段段落正文", { exact: true }).fill("企业办理时间由一个月缩短至一周。");
  await page.getByLabel("下一步方向正文", { exact: true }).fill("进一步扩大试点范围，提升便利化水平。");
  await page.getByRole("button", { name: "保存草稿", exact: true }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit/);
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d\d:\d\d$/);
  return /\/cases\/([0-9a-f-]{36})\/edit/.exec(page.url())![1]!;
}
