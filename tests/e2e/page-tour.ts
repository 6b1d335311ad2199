/**
 * Every page type once, as each role sees it: the public bulletin pages, login and password, each
 * role's dashboard and lists, the new-case editor (first, as the first thing a submitter opens), a
 * draft's edit and case pages, a published case and its diff, the review queue, batches and their
 * preview, the admin pages, inbox and search. Ids are found on the pages themselves, so the tour
 * runs on any fresh database with the demo seed. Used by page-titles.spec.ts (the built app) and
 * dev-server.spec.ts (`npm run dev`).
 */
import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from "./fixtures";

export const APP_NAME = "最佳实践案例系统";

export type TourStop = {
  role: DemoUser | "anonymous";
  path: string;
  /** What the page's title must name besides the system (its heading, the case, the batch…). */
  titleNames: string;
};

type Visit = (page: Page, stop: TourStop) => Promise<void>;

/** The few words the tour clicks or types into, in each UI language (the browser's language picks the UI's). */
const WORDS = {
  "zh-CN": { username: "用户名", password: "密码", login: "登录", hello: (name: string) => `${name}，您好`, caseTitle: "案例标题", category: "案例类别", saveDraft: "保存草稿", edit: "编辑" },
  en: { username: "Username", password: "Password", login: "Sign in", hello: (name: string) => `Hello, ${name}`, caseTitle: "Case title", category: "Case category", saveDraft: "Save draft", edit: "Edit" },
};
export type TourLocale = keyof typeof WORDS;

async function signIn(page: Page, role: DemoUser, words: (typeof WORDS)[TourLocale]) {
  await page.goto("/login");
  await page.getByLabel(words.username, { exact: true }).fill(role);
  await page.getByLabel(words.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: words.login, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: words.hello(DEMO_USERS[role]) })).toBeVisible();
}

/** Opens a page of the tour and hands it to `visit` (which asserts on it). */
async function open(page: Page, stop: TourStop, visit: Visit) {
  await page.goto(stop.path);
  await page.waitForLoadState("networkidle");
  await visit(page, stop);
}

async function hrefOf(page: Page, path: string, link: (page: Page) => ReturnType<Page["getByRole"]>) {
  await page.goto(path);
  const href = await link(page).first().getAttribute("href");
  expect(href, `a link on ${path}`).toBeTruthy();
  return href!;
}

/** `onPage`: called with each new page before anything loads in it (to listen to its console);
 * `viewport`: the window size of every session (a phone's, say); `locale`: the browser's language
 * (its Accept-Language chooses the UI's; zh-CN by default). */
export async function tourEveryPage(
  browser: Browser,
  baseURL: string,
  visit: Visit,
  options: { onPage?: (page: Page) => void; viewport?: { width: number; height: number }; locale?: TourLocale } = {},
) {
  const locale = options.locale ?? "zh-CN";
  const words = WORDS[locale];
  const session = async (role: DemoUser | "anonymous", run: (page: Page, go: (path: string, titleNames: string) => Promise<void>) => Promise<void>) => {
    const context = await browser.newContext({ baseURL, locale, timezoneId: "Asia/Shanghai", ...(options.viewport ? { viewport: options.viewport } : {}) });
    const page = await context.newPage();
    options.onPage?.(page);
    try {
      if (role !== "anonymous") await signIn(page, role, words);
      await run(page, (path, titleNames) => open(page, { role, path, titleNames }, visit));
    } finally {
      await context.close();
    }
  };

  const caseTitle = "页面巡检用的草稿案例";
  await session("beijing", async (page, go) => {
    // The very first page a submitter opens after signing in: the new-case editor.
    await go("/cases/new", "新建案例");
    await page.getByRole("textbox", { name: words.caseTitle, exact: true }).fill(caseTitle);
    await page.getByLabel(words.category).selectOption({ index: 1 });
    await page.getByRole("button", { name: words.saveDraft, exact: true }).click();
    await expect(page).toHaveURL(/\/cases\/[^/]+\/edit$/);
    const draft = new URL(page.url()).pathname.replace(/\/edit$/, "");
    await go(`${draft}/edit`, caseTitle);
    await go(draft, caseTitle);
    await go("/", "工作台");
    await go("/cases", "本地区案例");
    await go("/inbox", "通知");
    await go("/search", "搜索案例");
    await go(`/search?q=${encodeURIComponent("离岸贸易")}`, "离岸贸易");
    await go("/password", "修改密码");
  });

  let publishedCase = "";
  let publishedTitle = "";
  await session("reviewer", async (page, go) => {
    publishedCase = await hrefOf(page, `/search?q=${encodeURIComponent("离岸贸易")}`, (p) => p.getByTestId("search-results").getByRole("link"));
    await page.goto(publishedCase);
    publishedTitle = (await page.locator(".case-document__title").innerText()).trim();
    await go("/", "工作台");
    await go("/review", "审核队列");
    await go(publishedCase, publishedTitle);
    await go(`${publishedCase}/diff`, publishedTitle);
  });

  await session("publisher", async (_page, go) => {
    await go("/", "工作台");
    await go("/batches", "公报编辑");
    await go("/batches/3", "第三批");
    await go("/batches/3/preview", "第三批");
    await go("/batches/new", "公报");
    await go("/bulletins", "已发布公报");
    await go("/calls", "案例征集");
    await go("/calls/new", "发布案例征集");
    await go("/figures", "统计图表");
  });

  await session("admin", async (page, go) => {
    const user = await hrefOf(page, "/admin/users", (p) => p.getByRole("link", { name: `${words.edit} beijing` }));
    await go("/", "工作台");
    await go("/admin/cases", "全部案例");
    await go("/admin/users", "用户管理");
    await go(`/admin/users?q=${encodeURIComponent("北京")}&role=submitter`, "用户管理");
    await go("/admin/users/new", "新建用户");
    await go(user, "北京市填报人");
    await go("/admin/regions", "试点地区");
    await go("/admin/categories", "案例类别");
    await go("/admin/import", "导入已发布公报");
    await go("/admin/audit", "审计日志");
    await go("/admin/jobs", "后台任务");
    await go("/admin/login-throttles", "登录限制");
  });

  await session("anonymous", async (_page, go) => {
    await go("/login", "登录");
    await go("/bulletins", "已发布公报");
    await go("/bulletins/3", "第三批最佳实践案例");
  });
}
