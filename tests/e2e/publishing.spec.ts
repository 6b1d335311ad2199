import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, loginAs, logout, test, writeCompleteDraft } from "./fixtures";

/**
 * The publishing journey in the browser: a Beijing submitter writes and submits two cases, the
 * reviewer approves them, the publisher compiles 第四批 from them (adds, reorders), freezes and
 * publishes it, downloads the DOCX and the PDF; an anonymous visitor reads the public bulletin;
 * the cases now show as published; a reviewer cannot publish.
 *
 * The fresh e2e database holds the imported third batch, so the new batch is number 4.
 * No failed logins here (the foundation spec counts them against the per-IP throttle).
 */

const stamp = Date.now().toString(36).slice(-5);
const FIRST = `跨境数据流动试点案例${stamp}`;
const SECOND = `离岸贸易便利化案例${stamp}`;

const caseState = (page: Page) => page.getByTestId("case-state");

/** As a signed-in Beijing submitter: writes a case in the editor, saves it, submits it from the case page. */
async function writeAndSubmit(page: Page, title: string) {
  const caseId = await writeCompleteDraft(page, title);
  await page.goto(`/cases/${caseId}`);
  await page.getByRole("button", { name: "提交审核", exact: true }).click();
  await expect(caseState(page)).toHaveText("已提交");
  return caseId;
}

async function approve(page: Page, caseId: string) {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole("button", { name: "审核通过", exact: true }).click();
  // irreversible: a page dialog asks first
  await page.getByRole("dialog", { name: "确认审核通过" }).getByRole("button", { name: "确认审核通过", exact: true }).click();
  await expect(caseState(page)).toHaveText("审核通过");
}

/** The case titles of the batch's contents, in order. */
const contents = (page: Page) => page.locator(".batch-case__title a");

test("compile 第四批 from two approved cases, freeze, publish, download DOCX and PDF, read it anonymously", async ({ page, browser, baseURL }) => {
  test.slow();

  // ---- Two approved cases.
  await loginAs(page, "beijing");
  const first = await writeAndSubmit(page, FIRST);
  const second = await writeAndSubmit(page, SECOND);
  await logout(page);
  await loginAs(page, "reviewer");
  await approve(page, first);
  await approve(page, second);
  await logout(page);

  // ---- The publisher starts 第四批 and compiles it.
  await loginAs(page, "publisher");
  await page.goto("/batches");
  await expect(page.getByRole("row").filter({ hasText: "第三批" })).toContainText("已发布");
  await page.getByRole("link", { name: "开始编辑下一批（第四批）", exact: true }).click();
  await expect(page.getByLabel("标题", { exact: true })).toHaveValue("国家服务业扩大开放综合试点示范建设 第四批最佳实践案例");
  await page.getByLabel("前言", { exact: true }).fill("为更好发挥试点示范作用，现将第四批最佳实践案例印发。");
  await page.getByRole("button", { name: "创建批次", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/batches/4");
  await expect(page.getByTestId("batch-state")).toHaveText("编辑中");

  await page.getByRole("button", { name: `加入批次：${FIRST}`, exact: true }).click();
  await expect(contents(page)).toHaveText([FIRST]);
  await page.getByRole("button", { name: `加入批次：${SECOND}`, exact: true }).click();
  await expect(contents(page)).toHaveText([FIRST, SECOND]);
  // Reorder with the keyboard: focus the second case's 上移 button and press Enter.
  const up = page.getByRole("button", { name: `将“${SECOND}”上移`, exact: true });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(contents(page)).toHaveText([SECOND, FIRST]);
  await expect(page.getByRole("button", { name: `将“${SECOND}”上移`, exact: true })).toBeDisabled();

  // The preview shows the whole bulletin with its 目录.
  await page.getByRole("link", { name: "预览全文", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/batches/4/preview");
  const toc = page.getByRole("navigation", { name: "目录" });
  await expect(toc.getByRole("link")).toHaveText(["体制机制创新", SECOND, FIRST]);
  await page.goBack();

  // ---- Freeze: the content is locked for proofreading.
  await page.getByRole("button", { name: "定稿", exact: true }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("已定稿");
  await expect(page.getByRole("button", { name: `将“${FIRST}”上移`, exact: true })).toHaveCount(0);

  // ---- The proof: the PDF's pages shown on the batch page, without downloading.
  const proof = page.getByRole("region", { name: "PDF 校样" });
  await proof.getByRole("link", { name: "显示逐页缩略图", exact: true }).click();
  const pages = proof.getByTestId("proof-pages").getByRole("listitem");
  await expect(pages.first()).toBeVisible({ timeout: 90_000 });
  await expect(proof.getByText("起始：体制机制创新", { exact: true })).toBeVisible();
  await expect(proof.getByText(`起始：${SECOND}`, { exact: true })).toBeVisible();
  const cover = proof.getByRole("img", { name: /^PDF 第 1 页（前置页/ });
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(200);

  // ---- A reviewer cannot publish: the page and the action both answer 403.
  const token = await page.locator('input[name="token"]').first().inputValue();
  const reviewer = await browser.newContext({ baseURL });
  const reviewerPage = await reviewer.newPage();
  await loginAs(reviewerPage, "reviewer");
  expect((await reviewerPage.goto("/batches/4"))?.status()).toBe(403);
  const refused = await reviewerPage.request.post("/batches/4", {
    form: { intent: "transition", action: "publish", token },
    headers: { Origin: baseURL! },
  });
  expect(refused.status()).toBe(403);
  await reviewer.close();
  await page.reload();
  await expect(page.getByTestId("batch-state")).toHaveText("已定稿");

  // ---- Publish (after confirming).
  await page.getByRole("button", { name: "发布公报", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "确认发布公报" });
  await expect(dialog).toContainText("发布后公报内容不可再修改");
  // cancelling changes nothing
  await dialog.getByRole("button", { name: "取消", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("batch-state")).toHaveText("已定稿");
  await page.getByRole("button", { name: "发布公报", exact: true }).click();
  await dialog.getByRole("button", { name: "确认发布公报", exact: true }).click();
  await expect(page.getByTestId("batch-state")).toHaveText("已发布");
  await expect(page.getByTestId("flash")).toHaveText("公报已发布，所有案例已标记为“已发布”。");

  // ---- Downloads: named like the printed bulletin, not empty. The PDF first: while it renders
  // the link says so and the server answers other requests. (The DOCX then reuses its pagination
  // for the 目录's page numbers.)
  const pdfLink = page.getByRole("link", { name: /^PDF/ });
  const pdfDownload = page.waitForEvent("download");
  await pdfLink.click();
  let pdfDone = false;
  void pdfDownload.then(() => (pdfDone = true));
  await expect(pdfLink).toHaveText("PDF · 正在生成…");
  const other = await page.request.get("/bulletins");
  expect(other.status()).toBe(200);
  expect(pdfDone, "the server answered while the PDF was rendering").toBe(false);
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe("第四批最佳实践案例.pdf");
  const pdfBytes = fs.readFileSync((await pdf.path())!);
  expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdfBytes.length).toBeGreaterThan(1000);
  await expect(pdfLink).toHaveText("PDF");

  const docxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Word（DOCX）/ }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toBe("第四批最佳实践案例.docx");
  expect(fs.statSync((await docx.path())!).size).toBeGreaterThan(1000);

  // ---- The cases are published (as the case page shows).
  await page.goto(`/cases/${first}`);
  await expect(caseState(page)).toHaveText("已发布");
  await page.goto(`/cases/${second}`);
  await expect(caseState(page)).toHaveText("已发布");

  // ---- Anyone can read the bulletin, without logging in.
  const anonymous = await browser.newContext({ baseURL });
  const visitor = await anonymous.newPage();
  await visitor.goto("/bulletins");
  await visitor.getByRole("link", { name: "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例", exact: true }).click();
  await expect(visitor).toHaveURL((url) => url.pathname === "/bulletins/4");
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("第四批最佳实践案例");
  await expect(visitor.getByRole("heading", { level: 2, name: SECOND, exact: true })).toBeVisible();
  await expect(visitor.getByRole("heading", { level: 2, name: FIRST, exact: true })).toBeVisible();
  await visitor.getByRole("navigation", { name: "目录" }).getByRole("link", { name: FIRST, exact: true }).click();
  await expect(visitor).toHaveURL(/#case-2$/);
  await expect(visitor.getByRole("navigation", { name: "主导航" })).toHaveCount(0);
  await anonymous.close();
});

test("a visitor downloads the PDF made at publication, and the links work without JavaScript", async ({ browser, baseURL }) => {
  // The imported third batch is published from the start.
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/bulletins/3");
  await expect(page.getByRole("heading", { level: 2, name: "优化文化服务供给模式和协同治理体系", exact: true })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Markdown", exact: true }).click();
  expect((await download).suggestedFilename()).toBe("第三批最佳实践案例.md");
  await context.close();

  const withJs = await browser.newContext({ baseURL });
  const jsPage = await withJs.newPage();
  await jsPage.goto("/bulletins/3");
  const pdfLink = jsPage.getByRole("link", { name: /^PDF/ });
  const pdf = jsPage.waitForEvent("download");
  await pdfLink.click();
  // The PDF is made at publication (the bulletin.export job), so the link's "正在生成…" state may
  // last too short to see; what matters is the file and the link back as it was.
  expect((await pdf).suggestedFilename()).toBe("第三批最佳实践案例.pdf");
  await expect(pdfLink).toHaveText("PDF");
  await withJs.close();
});
