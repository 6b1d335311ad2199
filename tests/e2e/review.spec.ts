import type { Page } from "@playwright/test";
import { expect, loginAs, logout, mainNav, test } from "./fixtures";

/**
 * The review conversation, as the people do it in the browser (issue #11):
 * a Beijing submitter writes a case with two practices and submits it → the reviewer comments on a
 * passage of 主要做法（二） and on a whole section, and sends it back with a reason → the submitter
 * sees the reason and both comments inside the editor beside their sections, replies to one, edits
 * the commented passage and resubmits → the case is back with the same reviewer, who sees what
 * changed since their review (the inline comment 已过时 with its quote, the other 未解决) and
 * approves. Then the same without JavaScript: section comments, reasons, transitions.
 *
 * No failed logins here (the foundation spec counts them against the per-IP throttle).
 */

const stamp = Date.now().toString(36).slice(-5);
const TITLE = `审核流程测试案例${stamp}`;
const PRACTICE_HEADING = "实现公文书电子化流转和线上查验。";
const PRACTICE_TEXT = "朝阳区率先实现公证文书电子化流转。";
const SECOND_HEADING = "优化外资企业登记服务流程。";
const PASSAGE = "提供全程帮办服务";
const SECOND_TEXT = `设立外资服务专窗，${PASSAGE}，缩短企业等待时间。`;
const REVISED_TEXT = "设立外资服务专窗，由专人一对一帮办，全年办理业务一千二百件。";
const INLINE_COMMENT = "“全程帮办”具体指哪些环节？请写明办理量。";
const SECTION_COMMENT = "下一步方向过于笼统，请写明合作的国家和地区。";
const REASON = "主要做法（二）缺少数据，下一步方向需要具体化。";
const REPLY = "已补充合作的国家和地区名单。";

const caseState = (page: Page) => page.getByTestId("case-state");

async function openCaseFromQueue(page: Page) {
  await mainNav(page).getByRole("link", { name: "审核队列", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/review");
  await page.getByRole("link", { name: TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
}

/** As a signed-in Beijing submitter: writes a case in the editor, saves it, submits it from the case page. */
async function writeAndSubmit(page: Page, title: string, opts: { second?: boolean } = {}) {
  await page.goto("/cases/new");
  await page.getByLabel("案例标题", { exact: true }).fill(title);
  await page.getByLabel("案例类别", { exact: true }).selectOption({ label: "体制机制创新" });
  await page.getByLabel("牵头地区", { exact: true }).selectOption({ label: "北京市" });
  await page.getByLabel("导语第 1 段", { exact: true }).fill("北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。");
  await page.getByLabel("主要做法（一）标题", { exact: true }).fill(PRACTICE_HEADING);
  await page.getByLabel("主要做法（一）第 1 段段落正文", { exact: true }).fill(PRACTICE_TEXT);
  if (opts.second) {
    await page.getByRole("button", { name: "添加一条做法", exact: true }).click();
    await page.getByLabel("主要做法（二）标题", { exact: true }).fill(SECOND_HEADING);
    await page.getByLabel("主要做法（二）第 1 段段落正文", { exact: true }).fill(SECOND_TEXT);
  }
  await page.getByLabel("效果（一）标题", { exact: true }).fill("实现全程网办登记。");
  await page.getByLabel("效果（一）第 1 段段落正文", { exact: true }).fill("落地首户港资企业。");
  await page.getByLabel("下一步方向正文", { exact: true }).fill("加强与更多国家和地区的有关部门合作。");
  await page.getByRole("button", { name: "保存草稿", exact: true }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\/edit/);
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d\d:\d\d$/);
  const caseId = /\/cases\/([0-9a-f-]{36})\/edit/.exec(page.url())![1];

  await page.goto(`/cases/${caseId}`);
  await expect(caseState(page)).toHaveText("草稿");
  await page.getByRole("button", { name: "提交审核", exact: true }).click();
  await expect(page.getByTestId("flash")).toHaveText(`案例“${title}”已提交审核，审核人会收到通知。`);
  await expect(caseState(page)).toHaveText("已提交");
  return caseId;
}

/** Selects `passage` in the rendered text of the case, as a reader's mouse would. */
async function selectPassage(page: Page, passage: string) {
  await page.evaluate((text) => {
    for (const span of document.querySelectorAll<HTMLElement>(".case-document [data-field]")) {
      const node = span.firstChild;
      const at = node?.textContent?.indexOf(text) ?? -1;
      if (node && at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`passage not in the page: ${text}`);
  }, passage);
}

test("inline and section comments → request changes → the submitter answers in the editor and resubmits → back with the same reviewer → since your review → approve", async ({ page }) => {
  test.slow();

  // ---- The submitter writes a case with two practices and submits it.
  await loginAs(page, "beijing");
  const caseId = await writeAndSubmit(page, TITLE, { second: true });
  await logout(page);

  // ---- The reviewer claims it, comments on a passage of 主要做法（二） and on a whole section.
  await loginAs(page, "reviewer");
  await openCaseFromQueue(page);
  await page.getByRole("button", { name: "领取审核", exact: true }).click();
  await expect(page.getByTestId("flash")).toHaveText(`您已领取案例“${TITLE}”，请开始审核。`);
  await expect(caseState(page)).toHaveText("审核中");

  await selectPassage(page, PASSAGE);
  await page.getByRole("button", { name: "评论所选文字", exact: true }).click();
  await expect(page.getByLabel("引用原文（可选）", { exact: true })).toHaveValue(PASSAGE);
  await page.getByLabel("意见内容", { exact: true }).fill(INLINE_COMMENT);
  await page.getByRole("button", { name: "发表意见", exact: true }).click();
  await expect(page.getByTestId("flash")).toHaveText(`您对案例“${TITLE}”的审核意见已发表。`);
  const inline = page.getByTestId("comment-thread").filter({ hasText: INLINE_COMMENT });
  await expect(inline.getByTestId("comment-quote")).toContainText(PASSAGE);
  await expect(page.getByRole("region", { name: `主要做法（二）${SECOND_HEADING}` }).getByText(INLINE_COMMENT)).toBeVisible();
  // the passage is highlighted in the text
  await expect(page.locator("mark.passage")).toHaveText(PASSAGE);

  await page.getByLabel("针对", { exact: true }).selectOption({ label: "下一步方向" });
  await page.getByLabel("意见内容", { exact: true }).fill(SECTION_COMMENT);
  await page.getByRole("button", { name: "发表意见", exact: true }).click();
  await expect(page.getByRole("region", { name: "下一步方向" }).getByText(SECTION_COMMENT)).toBeVisible();

  // Sending back without a reason: refused, and the earlier success message is gone.
  await page.locator("summary", { hasText: "退回修改" }).click();
  await page.getByRole("button", { name: "确认退回修改", exact: true }).click();
  await expect(page.getByTestId("transition-error")).toHaveText("请填写“退回修改”的理由。");
  await expect(page.getByTestId("flash")).toHaveCount(0);
  await page.getByLabel("退回修改的理由", { exact: true }).fill(REASON);
  await page.getByRole("button", { name: "确认退回修改", exact: true }).click();
  await expect(caseState(page)).toHaveText("退回修改");
  await expect(page.getByTestId("case-holder")).toHaveText("部委审核人");
  await logout(page);

  // ---- The submitter sees the reason and both comments inside the editor, beside their sections.
  await loginAs(page, "beijing");
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("review-reason")).toHaveText(REASON);
  await page.getByRole("link", { name: "编辑", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/cases/${caseId}/edit`);
  const banner = page.getByTestId("review-banner");
  await expect(banner.getByTestId("review-reason")).toHaveText(REASON);
  await expect(banner).toContainText("部委审核人（reviewer）于");
  await expect(banner).toContainText("还有 2 条审核意见未解决。");
  const practiceComments = page.locator('[data-testid="editor-comments"][data-anchor="practices.items.1"]');
  await expect(practiceComments.getByText(INLINE_COMMENT)).toBeVisible();
  await expect(practiceComments.getByTestId("comment-quote")).toContainText(PASSAGE);
  const nextComments = page.locator('[data-testid="editor-comments"][data-anchor="nextSteps"]');
  await expect(nextComments.getByText(SECTION_COMMENT)).toBeVisible();

  // Replies from the editor, without leaving the form (and without losing what is typed).
  await page.getByLabel("主要做法（二）第 1 段段落正文", { exact: true }).fill(REVISED_TEXT);
  await nextComments.getByLabel("回复内容", { exact: true }).fill(REPLY);
  await nextComments.getByRole("button", { name: "发表回复", exact: true }).click();
  await expect(nextComments.getByRole("status")).toHaveText(`您对案例“${TITLE}”审核意见的回复已发表。`);
  await expect(nextComments.getByText(REPLY)).toBeVisible();
  await expect(page.getByLabel("主要做法（二）第 1 段段落正文", { exact: true })).toHaveValue(REVISED_TEXT);
  // The move and delete controls say what they move.
  await expect(page.getByRole("button", { name: "删除本条做法（主要做法（二））", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "上移本段（主要做法（二）第 1 段）", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "修改后重新提交", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/cases/${caseId}`);
  await expect(page.getByTestId("flash")).toHaveText(`案例“${TITLE}”已重新提交，将由部委审核人继续审核。`);
  await expect(caseState(page)).toHaveText("审核中");
  await expect(page.getByTestId("case-holder")).toHaveText("部委审核人");
  await logout(page);

  // ---- Back in the same reviewer's queue, claimed by them, marked 已重新提交.
  await loginAs(page, "reviewer");
  await mainNav(page).getByRole("link", { name: "审核队列", exact: true }).click();
  await page.getByLabel("只看我领取的").check();
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  const row = page.locator(`tr[data-case-id="${caseId}"]`);
  await expect(row.getByTestId("queue-state")).toHaveText("已重新提交");
  await expect(row).toContainText("部委审核人");
  await row.getByRole("link", { name: TITLE, exact: true }).click();

  // What changed since their review, with their comments marked.
  const since = page.getByTestId("since-review");
  await expect(since).toBeVisible();
  await expect(page.getByTestId("since-summary")).toContainText("共有 1 处修改。");
  const changedSection = since.locator('[data-section="practices.items.1"]');
  await expect(changedSection).toHaveAttribute("data-status", "changed");
  await expect(changedSection.locator("del").first()).toBeVisible();
  await expect(changedSection.locator("ins").first()).toBeVisible();
  const inlineStatus = since.getByTestId("since-comment").filter({ hasText: INLINE_COMMENT });
  await expect(inlineStatus.getByTestId("comment-status")).toHaveText("已过时");
  await expect(inlineStatus.getByTestId("comment-quote")).toContainText(PASSAGE);
  const sectionStatus = since.getByTestId("since-comment").filter({ hasText: SECTION_COMMENT });
  await expect(sectionStatus.getByTestId("comment-status")).toHaveText("未解决");
  await expect(sectionStatus).toContainText("填报单位已回复 1 条。");
  await expect(page.locator("mark.passage")).toHaveCount(0);

  // Approve: irreversible, so a page dialog asks first.
  await page.getByRole("button", { name: "审核通过", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "确认审核通过" });
  await expect(dialog).toContainText("不能撤销");
  await dialog.getByRole("button", { name: "确认审核通过", exact: true }).click();
  await expect(caseState(page)).toHaveText("审核通过");
  await expect(page.getByTestId("flash")).toHaveText(`案例“${TITLE}”已审核通过。`);

  // The history reads as sentences that name the case.
  const history = page.getByTestId("timeline").getByRole("listitem");
  await expect(history.filter({ hasText: `部委审核人（reviewer）领取了案例“${TITLE}”，开始审核。` })).toHaveCount(1);
  await expect(history.filter({ hasText: `部委审核人（reviewer）将案例“${TITLE}”退回修改。理由：${REASON}` })).toHaveCount(1);
  await expect(history.filter({ hasText: `北京市填报人（beijing）修改后重新提交了案例“${TITLE}”，已回到原审核人处继续审核。` })).toHaveCount(1);
  await expect(history.last()).toContainText(`部委审核人（reviewer）审核通过了案例“${TITLE}”。`);
  await logout(page);

  // ---- The submitter's inbox: full sentences naming the case.
  await loginAs(page, "beijing");
  await mainNav(page).getByRole("link", { name: "通知", exact: true }).click();
  await expect(page.getByTestId("notification").filter({ hasText: `部委审核人将案例“${TITLE}”退回修改。理由：${REASON}` })).toBeVisible();
  await expect(page.getByTestId("notification").filter({ hasText: `部委审核人对案例“${TITLE}”的主要做法（二）中“${PASSAGE}”一句发表了审核意见` })).toBeVisible();
});

test("without JavaScript: section comments, the reason, replies in the editor, resubmission to the same reviewer, confirmed approval", async ({ page, browser }) => {
  test.slow();
  const title = `无脚本审核对话${stamp}`;
  await loginAs(page, "beijing");
  const caseId = await writeAndSubmit(page, title, { second: true });
  await logout(page);

  const noScript = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN", javaScriptEnabled: false });
  try {
    const tab = await noScript.newPage();
    await loginAs(tab, "reviewer");
    await tab.goto(`/cases/${caseId}`);
    await tab.getByRole("button", { name: "领取审核", exact: true }).click();
    await expect(tab.getByTestId("flash")).toHaveText(`您已领取案例“${title}”，请开始审核。`);
    // a section comment, and one on a passage pasted into the form
    await tab.getByLabel("针对", { exact: true }).selectOption({ label: `主要做法（二）${SECOND_HEADING}` });
    await tab.getByLabel("意见内容", { exact: true }).fill(SECTION_COMMENT);
    await tab.getByRole("button", { name: "发表意见", exact: true }).click();
    await expect(tab.getByRole("region", { name: `主要做法（二）${SECOND_HEADING}` }).getByText(SECTION_COMMENT)).toBeVisible();
    await tab.getByLabel("针对", { exact: true }).selectOption({ label: `主要做法（二）${SECOND_HEADING}` });
    await tab.getByLabel("引用原文（可选）", { exact: true }).fill(PASSAGE);
    await tab.getByLabel("意见内容", { exact: true }).fill(INLINE_COMMENT);
    await tab.getByRole("button", { name: "发表意见", exact: true }).click();
    await expect(tab.locator("mark.passage")).toHaveText(PASSAGE);
    // the reason is required, then given
    await tab.locator("summary", { hasText: "退回修改" }).click();
    await tab.getByRole("button", { name: "确认退回修改", exact: true }).click();
    await expect(tab.getByTestId("transition-error")).toHaveText("请填写“退回修改”的理由。");
    await expect(tab.getByTestId("flash")).toHaveCount(0);
    await tab.getByLabel("退回修改的理由", { exact: true }).fill(REASON);
    await tab.getByRole("button", { name: "确认退回修改", exact: true }).click();
    await expect(caseState(tab)).toHaveText("退回修改");
    await logout(tab);

    // The submitter, without JavaScript: the reason and the comment beside 主要做法（二） in the editor.
    await loginAs(tab, "beijing");
    await tab.goto(`/cases/${caseId}/edit`);
    await expect(tab.getByTestId("review-banner").getByTestId("review-reason")).toHaveText(REASON);
    const practiceComments = tab.locator('[data-testid="editor-comments"][data-anchor="practices.items.1"]');
    await expect(practiceComments.getByText(SECTION_COMMENT)).toBeVisible();
    // A reply posts the whole form: what was typed comes back unchanged (not saved yet).
    await tab.getByLabel("主要做法（二）第 1 段段落正文", { exact: true }).fill(REVISED_TEXT);
    const thread = practiceComments.getByTestId("comment-thread").filter({ hasText: SECTION_COMMENT });
    await thread.getByLabel("回复内容", { exact: true }).fill(REPLY);
    await thread.getByRole("button", { name: "发表回复", exact: true }).click();
    await expect(tab.getByRole("status").filter({ hasText: `您对案例“${title}”审核意见的回复已发表。` }).first()).toBeVisible();
    await expect(tab.getByLabel("主要做法（二）第 1 段段落正文", { exact: true })).toHaveValue(REVISED_TEXT);
    await expect(tab.locator('[data-testid="editor-comments"][data-anchor="practices.items.1"]').getByText(REPLY)).toBeVisible();
    await tab.getByRole("button", { name: "修改后重新提交", exact: true }).click();
    await expect(tab.getByTestId("flash")).toHaveText(`案例“${title}”已重新提交，将由部委审核人继续审核。`);
    await expect(caseState(tab)).toHaveText("审核中");
    await logout(tab);

    // The same reviewer: what changed since their review, then a confirmed approval.
    await loginAs(tab, "reviewer");
    await tab.goto(`/cases/${caseId}`);
    const since = tab.getByTestId("since-review");
    await expect(since.getByTestId("since-comment").filter({ hasText: SECTION_COMMENT }).getByTestId("comment-status")).toHaveText("未解决");
    await expect(since.getByTestId("since-comment").filter({ hasText: INLINE_COMMENT }).getByTestId("comment-status")).toHaveText("已过时");
    await tab.getByRole("button", { name: "审核通过", exact: true }).click();
    await expect(tab.getByTestId("confirm-step")).toContainText("不能撤销");
    await tab.getByTestId("confirm-step").getByRole("button", { name: "确认审核通过", exact: true }).click();
    await expect(caseState(tab)).toHaveText("审核通过");
  } finally {
    await noScript.close();
  }
});

test("without JavaScript: the reason is required, and a lost race shows the case's new state and keeps the typed reason", async ({ page, browser }) => {
  test.slow();
  const title = `无脚本审核测试${stamp}`;
  await loginAs(page, "beijing");
  const caseId = await writeAndSubmit(page, title);

  // Two tabs of one reviewer, JavaScript off: plain HTML forms only.
  const noScript = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "zh-CN", javaScriptEnabled: false });
  try {
    const first = await noScript.newPage();
    await loginAs(first, "reviewer");
    const second = await noScript.newPage();
    await first.goto(`/cases/${caseId}`);
    await second.goto(`/cases/${caseId}`);

    // A comment, posted as a plain form.
    await first.getByLabel("意见内容", { exact: true }).fill("无脚本也能发表意见。");
    await first.getByRole("button", { name: "发表意见", exact: true }).click();
    await expect(first.getByTestId("comment-thread").filter({ hasText: "无脚本也能发表意见。" })).toBeVisible();

    // Sending back without a reason: refused with the reason why.
    await first.locator("summary", { hasText: "退回修改" }).click();
    const refused = first.waitForResponse((r) => r.request().method() === "POST");
    await first.getByRole("button", { name: "确认退回修改", exact: true }).click();
    expect((await refused).status()).toBe(400);
    await expect(first.getByTestId("transition-error")).toHaveText("请填写“退回修改”的理由。");

    // Meanwhile the other tab approves the case.
    // Approving cannot be undone: without JavaScript the server asks first, in the page.
    await second.getByRole("button", { name: "审核通过", exact: true }).click();
    await expect(second.getByTestId("confirm-step")).toContainText("不能撤销");
    await expect(caseState(second)).toHaveText("已提交");
    await second.getByTestId("confirm-step").getByRole("button", { name: "确认审核通过", exact: true }).click();
    await expect(caseState(second)).toHaveText("审核通过");

    // The first tab still shows the old form: its request loses the race.
    const reason = "数据来源不明，请补充。";
    await first.getByLabel("退回修改的理由", { exact: true }).fill(reason);
    const lost = first.waitForResponse((r) => r.request().method() === "POST");
    await first.getByRole("button", { name: "确认退回修改", exact: true }).click();
    expect((await lost).status()).toBe(409);
    await expect(first.getByTestId("transition-error")).toContainText("该案例已被他人处理，当前状态为“审核通过”");
    await expect(first.getByTestId("transition-error").getByRole("textbox")).toHaveValue(reason);
    await expect(caseState(first)).toHaveText("审核通过");
  } finally {
    await noScript.close();
  }
});
