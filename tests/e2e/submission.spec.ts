import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, loginAs, submitLogin, test } from "./fixtures";

/**
 * Writing a case (/cases/new, /cases/:id/edit): the form that mirrors the bulletin, the live
 * preview, reordering, saving, conflicts between two tabs, and the form without JavaScript.
 */

const field = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true });
const button = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
const status = (page: Page) => page.getByTestId("save-status");
/** "已保存 14:05": the server confirmed the save (not "草稿已保存在本机"). */
const SAVED = /^已保存 \d\d:\d\d$/;

/** The item headings （一）（二）… of 主要做法 as the preview prints them. */
async function previewPracticeHeadings(preview: Locator) {
  const text = await preview.innerText();
  const practices = text.slice(text.indexOf("一、主要做法"), text.indexOf("二、"));
  return [...practices.matchAll(/（[一二三四五六七八]）[^\n]*/g)].map((m) => m[0]);
}

async function newCase(page: Page, title: string) {
  await page.goto("/cases/new");
  await field(page, "案例标题").fill(title);
  await page.getByLabel("案例类别").selectOption({ label: "体制机制创新" });
  await button(page, "保存草稿").click();
  await expect(page).toHaveURL(/\/cases\/[^/]+\/edit$/);
  await expect(status(page)).toHaveText(SAVED);
}

test("a Beijing submitter writes a case with three practices, reorders them, and finds them in the new order after saving and reloading", async ({ page }) => {
  await loginAs(page, "beijing");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "本地区案例" }).click();
  await page.getByRole("link", { name: "新建案例" }).click();
  await expect(page).toHaveURL("/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "新建案例" })).toBeVisible();

  await field(page, "导语第 1 段").fill("北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。");
  const practices = [
    ["实现公文书电子化流转和线上查验。", "北京朝阳区率先实现公证文书电子化流转。"],
    ["优化外资企业登记服务流程。", "设立外资服务专窗，提供全程帮办服务。"],
    ["建立跨部门协同机制。", "商务、市场监管、公安等部门信息共享。"],
  ];
  for (const [i, [heading, body]] of practices.entries()) {
    const n = ["一", "二", "三"][i];
    if (i > 0) await button(page, "添加一条做法").click();
    await field(page, `主要做法（${n}）标题`).fill(heading);
    await field(page, `主要做法（${n}）第 1 段段落正文`).fill(body);
  }
  await field(page, "效果（一）标题").fill("实现全程网办登记。");
  await field(page, "效果（一）第 1 段段落正文").fill("截至 2024 年 8 月，落地首户港资企业。");
  await field(page, "下一步方向正文").fill("加强与更多国家和地区的有关部门合作。");

  // Numbering is shown as it will print, never typed: the preview prints it from positions.
  const preview = page.getByTestId("case-preview");
  await expect(preview).toContainText("一、主要做法");
  expect(await previewPracticeHeadings(preview)).toEqual(["（一）实现公文书电子化流转和线上查验。", "（二）优化外资企业登记服务流程。", "（三）建立跨部门协同机制。"]);

  // Move the third practice to the top: once by mouse, once by keyboard (focus stays on the moved item).
  await button(page, "上移本条做法（主要做法（三））").click();
  await expect(button(page, "上移本条做法（主要做法（二））")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(button(page, "下移本条做法（主要做法（一））")).toBeFocused();
  await expect(field(page, "主要做法（一）标题")).toHaveValue("建立跨部门协同机制。");
  await expect.poll(() => previewPracticeHeadings(preview)).toEqual(["（一）建立跨部门协同机制。", "（二）实现公文书电子化流转和线上查验。", "（三）优化外资企业登记服务流程。"]);

  // The preview follows typing.
  await field(page, "案例标题").fill("试点外资企业一站式登记服务");
  await expect(preview.getByRole("heading", { level: 2 })).toHaveText("试点外资企业一站式登记服务");
  await page.getByLabel("案例类别").selectOption({ label: "体制机制创新" });
  await expect(preview).toContainText("体制机制创新");

  await button(page, "保存草稿").click();
  await expect(page).toHaveURL(/\/cases\/[^/]+\/edit$/);
  await expect(status(page)).toHaveText(SAVED);

  const caseId = /\/cases\/([^/]+)\/edit$/.exec(new URL(page.url()).pathname)![1];
  await page.reload();
  await expect(field(page, "案例标题")).toHaveValue("试点外资企业一站式登记服务");
  const expected = [practices[2], practices[0], practices[1]];
  for (const [i, [heading, body]] of expected.entries()) {
    const n = ["一", "二", "三"][i];
    await expect(field(page, `主要做法（${n}）标题`)).toHaveValue(heading);
    await expect(field(page, `主要做法（${n}）第 1 段段落正文`)).toHaveValue(body);
  }
  expect(await previewPracticeHeadings(page.getByTestId("case-preview"))).toEqual(["（一）建立跨部门协同机制。", "（二）实现公文书电子化流转和线上查验。", "（三）优化外资企业登记服务流程。"]);

  // The list of the region's cases shows the draft.
  await page.goto("/cases");
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
  await expect(row).toContainText("试点外资企业一站式登记服务");
  await expect(row).toContainText("草稿");
  await expect(row).toContainText("北京市填报人");
});

test("a second tab that saved first: the first tab gets the conflict screen with both versions, and nothing is overwritten", async ({ page, context }) => {
  await loginAs(page, "beijing");
  await newCase(page, "两个标签页同时编辑的案例");
  const url = page.url();

  const second = await context.newPage();
  await second.goto(url);
  await field(second, "案例标题").fill("第二个标签页改过的标题");
  await button(second, "保存草稿").click();
  await expect(status(second)).toHaveText(SAVED);

  await field(page, "导语第 1 段").fill("第一个标签页写的导语。");
  await button(page, "保存草稿").click();
  const conflict = page.getByTestId("conflict");
  await expect(conflict.getByRole("heading", { name: "保存冲突：该案例在您编辑期间已被修改" })).toBeVisible();
  await expect(status(page)).toHaveText("保存冲突：该案例已被他人修改，未覆盖");
  // yours: the submitted values, kept; theirs: the server's current version — both rendered as the bulletin prints them
  await expect(page.getByTestId("conflict-mine")).toContainText("第一个标签页写的导语。");
  await expect(page.getByTestId("conflict-mine")).toContainText("两个标签页同时编辑的案例");
  await expect(page.getByTestId("conflict-theirs")).toContainText("第二个标签页改过的标题");
  await expect(page.getByTestId("conflict-theirs")).not.toContainText("第一个标签页写的导语。");
  await expect(field(page, "导语第 1 段")).toHaveValue("第一个标签页写的导语。");

  // The other tab's save is intact on the server.
  await second.reload();
  await expect(field(second, "案例标题")).toHaveValue("第二个标签页改过的标题");
  await expect(field(second, "导语第 1 段")).toHaveValue("");

  // Overwriting is a deliberate act after reviewing both.
  await conflict.getByRole("button", { name: /确认用我的版本覆盖第 \d+ 版/ }).click();
  await expect(conflict).toHaveCount(0);
  await expect(status(page)).toHaveText(SAVED);
  await page.reload();
  await expect(field(page, "导语第 1 段")).toHaveValue("第一个标签页写的导语。");
});

test("loading the server's version after a conflict replaces the form with it", async ({ page, context }) => {
  await loginAs(page, "beijing");
  await newCase(page, "载入服务器版本的案例");
  const second = await context.newPage();
  await second.goto(page.url());
  await field(second, "导语第 1 段").fill("服务器上的导语。");
  await button(second, "保存草稿").click();
  await expect(status(second)).toHaveText(SAVED);

  await field(page, "导语第 1 段").fill("被放弃的导语。");
  await button(page, "保存草稿").click();
  await page.getByTestId("conflict").getByRole("link", { name: "放弃我的修改，载入服务器版本" }).click();
  await expect(page.getByTestId("conflict")).toHaveCount(0);
  await expect(field(page, "导语第 1 段")).toHaveValue("服务器上的导语。");
  // and saving continues from the server's version without a conflict
  await field(page, "导语第 1 段").fill("服务器上的导语，再补一句。");
  await button(page, "保存草稿").click();
  await expect(status(page)).toHaveText(SAVED);
});

test("without a connection the draft stays in the form and in the browser, and is saved when the connection returns", async ({ page, context }) => {
  await loginAs(page, "beijing");
  await newCase(page, "断网时编辑的案例");
  await context.setOffline(true);
  await field(page, "导语第 1 段").fill("断网时写下的导语，不能丢。");
  await button(page, "保存草稿").click();
  await expect(status(page)).toHaveText("未能连接服务器，草稿已保存在本机");
  await expect(field(page, "导语第 1 段")).toHaveValue("断网时写下的导语，不能丢。");
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pilot-cases:draft:")).map((k) => localStorage.getItem(k)));
  expect(kept.join("")).toContain("断网时写下的导语，不能丢。");
  await context.setOffline(false);
  await expect(status(page)).toHaveText(SAVED, { timeout: 15_000 });
  await page.reload();
  await expect(field(page, "导语第 1 段")).toHaveValue("断网时写下的导语，不能丢。");
});

test("leaving with unsaved changes asks first", async ({ page }) => {
  await loginAs(page, "beijing");
  await newCase(page, "离开前确认的案例");
  await field(page, "导语第 1 段").fill("还没有保存的导语。");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "工作台" }).click();
  const dialog = page.getByRole("alertdialog", { name: "有尚未保存到服务器的修改" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "留在此页" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(field(page, "导语第 1 段")).toHaveValue("还没有保存的导语。");
});

test("paste to fill shows what was recognised without saving; submitting an incomplete case focuses the first Chinese error; a complete one is submitted", async ({ page }) => {
  await loginAs(page, "beijing");
  await page.goto("/cases/new");
  const pasted = [
    "探索“数智化”在线司法解纷新模式",
    "",
    "北京积极探索在线司法解纷新模式，推动矛盾纠纷源头化解。",
    "",
    "一、主要做法",
    "（一）建设一站式在线解纷平台。",
    "**一是建设平台**。北京建设在线平台。**二是完善机制**。完善诉调对接机制。",
    "（二）推动数据共享。",
    "法院与调解组织共享案件数据。",
    "二、实践效果",
    "（一）解纷效率显著提升。",
    "截至 2024 年 8 月，在线调解案件 2731 件。",
    "三、下一步创新方向",
    "持续深化在线解纷机制改革。",
  ].join("\n");
  await page.getByText("粘贴整篇案例，自动识别并填入").click();
  await page.getByLabel("粘贴的案例全文").fill(pasted);
  await button(page, "识别并填入").click();
  const result = page.getByTestId("paste-result");
  await expect(result).toContainText("标题：探索“数智化”在线司法解纷新模式");
  await expect(result).toContainText("主要做法 2 条");
  await expect(field(page, "案例标题")).toHaveValue("探索“数智化”在线司法解纷新模式");
  await expect(field(page, "主要做法（二）标题")).toHaveValue("推动数据共享。");
  await expect(field(page, "主要做法（一）第 1 段一是加粗语")).toHaveValue("建设平台");
  await expect(status(page)).toHaveText("自动保存暂停：识别结果尚未保存，请核对后点击“保存草稿”");
  await expect(page).toHaveURL("/cases/new"); // nothing saved

  // No category yet, and an emptied heading: both reported in Chinese, the first one focused.
  await field(page, "主要做法（二）标题").fill("");
  await button(page, "提交审核").click();
  await expect(page.getByTestId("error-summary")).toContainText("有 2 处需要修改");
  await expect(page.getByLabel("案例类别")).toBeFocused();
  await expect(page.locator("#f-category-error")).toHaveText("请选择案例类别");
  await expect(page.locator('[id="f-practices.items.1.heading-error"]')).toHaveText("请填写条目标题");

  await page.getByLabel("案例类别").selectOption({ label: "体制机制创新" });
  await field(page, "主要做法（二）标题").fill("推动数据共享。");
  await button(page, "提交审核").click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("case-state")).toHaveText("已提交");
  // the bold lead phrases recognised from the paste are printed bold
  await expect(page.locator(".case-document strong", { hasText: "建设平台。" })).toBeVisible();
});

test("the form works without JavaScript: structure buttons re-render it, saving keeps every value", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: testInfo.project.use.baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  await submitLogin(page, "beijing", DEMO_PASSWORD);
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await page.goto("/cases/new");

  await field(page, "案例标题").fill("无脚本填写的案例");
  await page.getByLabel("案例类别").selectOption({ label: "产业生态体系建设" });
  await field(page, "导语第 1 段").fill("没有脚本也能填写导语。");
  await field(page, "主要做法（一）标题").fill("第一条做法。");
  // "添加一条做法" posts the form; the server answers with one more item and every value kept (nothing saved)
  await button(page, "添加一条做法").click();
  await expect(page.getByText("表单结构已调整（尚未保存）")).toBeVisible();
  await expect(field(page, "案例标题")).toHaveValue("无脚本填写的案例");
  await expect(field(page, "主要做法（一）标题")).toHaveValue("第一条做法。");
  await field(page, "主要做法（二）标题").fill("第二条做法。");
  await button(page, "上移本条做法（主要做法（二））").click();
  await expect(field(page, "主要做法（一）标题")).toHaveValue("第二条做法。");

  await button(page, "保存草稿").click();
  await expect(page).toHaveURL(/\/cases\/[^/]+\/edit\?saved=created$/);
  await expect(page.getByTestId("flash")).toHaveText("案例“无脚本填写的案例”已创建，草稿已保存。");
  await expect(field(page, "案例标题")).toHaveValue("无脚本填写的案例");
  await expect(page.getByLabel("案例类别")).toHaveValue("industry-ecosystem");
  await expect(field(page, "导语第 1 段")).toHaveValue("没有脚本也能填写导语。");
  await expect(field(page, "主要做法（一）标题")).toHaveValue("第二条做法。");
  await expect(field(page, "主要做法（二）标题")).toHaveValue("第一条做法。");

  // An invalid save answers with the same errors, in Chinese, and keeps what was typed.
  await field(page, "案例标题").fill("");
  await field(page, "导语第 1 段").fill("修改后的导语。");
  await button(page, "保存草稿").click();
  await expect(page.getByTestId("error-summary")).toContainText("案例标题：请填写标题");
  await expect(field(page, "导语第 1 段")).toHaveValue("修改后的导语。");
  await field(page, "案例标题").fill("无脚本填写的案例（修改）");
  await button(page, "保存草稿").click();
  await expect(page.getByTestId("flash")).toHaveText(/^案例“无脚本填写的案例（修改）”的草稿已保存（第 \d+ 版）。$/);
  await expect(field(page, "导语第 1 段")).toHaveValue("修改后的导语。");
  await context.close();
});
