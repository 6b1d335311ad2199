import type { Browser, Page } from "@playwright/test";
import { expect, loginAs, mainNav, test } from "./fixtures";

/**
 * English beside Chinese: zh-CN by default, English from the browser's Accept-Language or the
 * header's switch (with and without JavaScript), remembered per user (users.locale) and, for
 * anonymous visitors, in a cookie. The bulletin's own text stays the official Chinese.
 */

/** A submitter of its own (the switch changes the account's language; the demo accounts are shared by parallel tests). */
async function newSubmitter(browser: Browser): Promise<{ username: string; password: string }> {
  const username = `lang-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const initial = "Initial-pass-1";
  const password = "Language-pass-2";
  const context = await browser.newContext();
  const admin = await context.newPage();
  await loginAs(admin, "admin");
  await admin.goto("/admin/users/new");
  await admin.getByLabel("用户名", { exact: true }).fill(username);
  await admin.getByLabel("姓名", { exact: true }).fill(`语言测试${username.slice(-3)}`);
  await admin.getByLabel("初始密码", { exact: true }).fill(initial);
  await admin.getByRole("checkbox", { name: "地方填报人", exact: true }).check();
  await admin.getByRole("checkbox", { name: "北京市", exact: true }).check();
  await admin.getByRole("button", { name: "创建用户", exact: true }).click();
  await expect(admin.getByRole("status")).toHaveText("用户已创建。");
  await context.close();

  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(initial);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByLabel("当前密码", { exact: true }).fill(initial);
  await page.getByLabel("新密码", { exact: true }).fill(password);
  await page.getByLabel("确认新密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "保存新密码", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("密码已修改");
  await first.close();
  return { username, password };
}

async function signIn(page: Page, username: string, password: string, words: { username: string; password: string; submit: string }) {
  await page.goto("/login");
  await page.getByLabel(words.username, { exact: true }).fill(username);
  await page.getByLabel(words.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: words.submit, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
}
const zhLogin = { username: "用户名", password: "密码", submit: "登录" };
const enLogin = { username: "Username", password: "Password", submit: "Sign in" };

test("Chinese by default; an English browser gets English, the bulletin's text stays Chinese", async ({ browser, baseURL }) => {
  const zh = await browser.newContext({ baseURL, locale: "zh-CN" });
  const zhPage = await zh.newPage();
  await zhPage.goto("/login");
  await expect(zhPage.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(zhPage.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await zh.close();

  const en = await browser.newContext({ baseURL, locale: "en-GB" });
  const page = await en.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Username", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Validation messages (zod, on the server and in the browser) speak English too.
  await expect(page.getByText("Enter your username.").first()).toBeVisible();
  await page.goto("/bulletins");
  await expect(page.getByRole("heading", { level: 1, name: "Published bulletins" })).toBeVisible();
  await expect(page).toHaveTitle(/Published bulletins · Best-Practice Cases/);
  await page.goto("/bulletins/3");
  // The published bulletin is the official Chinese text, whatever the UI's language.
  await expect(page.locator("main")).toContainText("第三批最佳实践案例");
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found (404)" })).toBeVisible();
  await en.close();
});

test("the header's switch changes the language, with JavaScript, and the account remembers it", async ({ browser, baseURL }) => {
  const { username, password } = await newSubmitter(browser);
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, username, password, zhLogin);
  await page.goto("/cases");
  await expect(page.getByRole("heading", { level: 1, name: "本地区案例" })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "Switch to English" }).click();
  // Back on the same page, now in English: the header, the navigation, the page.
  await expect(page).toHaveURL((url) => url.pathname === "/cases");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Our region's cases" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Dashboard", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "New case", exact: true }).first().click();
  await expect(page.getByRole("textbox", { name: "Case title", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Save draft", exact: true }).click();
  await expect(page.getByText(/Draft not saved|places? needs? changes/).first()).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();

  // Signed out: the cookie keeps English for the login page.
  await page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await context.close();

  // Another browser, in Chinese, no cookie: signing in brings back the account's English.
  const other = await browser.newContext({ baseURL, locale: "zh-CN" });
  const again = await other.newPage();
  await again.goto("/login");
  await expect(again.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await signIn(again, username, password, zhLogin);
  await expect(again.locator("html")).toHaveAttribute("lang", "en");
  await expect(again.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
  // …and switching back to Chinese is remembered as well.
  await again.getByRole("banner").getByRole("button", { name: "切换到中文" }).click();
  await expect(again.getByRole("heading", { level: 1, name: /您好$/ })).toBeVisible();
  await other.close();
  const third = await browser.newContext({ baseURL, locale: "en" });
  const last = await third.newPage();
  await signIn(last, username, password, enLogin);
  await expect(last.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(mainNav(last).getByRole("link", { name: "工作台", exact: true })).toBeVisible();
  await third.close();
});

test("the switch works without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "zh-CN", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/bulletins");
  await expect(page.getByRole("heading", { level: 1, name: "已发布公报" })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "Switch to English" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/bulletins");
  await expect(page.getByRole("heading", { level: 1, name: "Published bulletins" })).toBeVisible();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "切换到中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await context.close();
});
