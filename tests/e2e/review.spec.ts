import type { Page } from "@playwright/test";
import { expect, loginAs, logout, mainNav, test } from "./fixtures";

/**
 * The review journey, as the people do it in the browser:
 * a Beijing submitter writes a case and submits it → the reviewer claims it and sends it back with a
 * comment on one practice → the submitter revises that practice, answers, and resubmits → the
 * reviewer sees exactly that change in the diff and approves → both read the case's history.
 *
 * No failed logins here (the foundation spec counts them against the per-IP throttle).
 */

const stamp = Date.now().toString(36).slice(-5);
const TITLE = `审核流程测试案例${stamp}`;
const PRACTICE_HEADING = "实现公文书电子化流转和线上查验。";
const PRACTICE_TEXT = "朝阳区率先实现公证文书电子化流转。";
const ADDED = "全年办理业务一千二百件";
const COMMENT = "请补充第一条做法的办理数量。";
const REASON = "第一条做法缺少数据，请补充后重新提交。";
const REPLY = "已补充办理数量。";

const caseState = (page: Page) => page.getByTestId("case-state");

async function openCaseFromQueue(page: Page) {
  await mainNav(page).getByRole("link", { name: "审核队列", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/review");
  await page.getByRole("link", { name: TITLE, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: TITLE })).toBeVisible();
}

/** As a signed-in Beijing submitter: writes a case in the editor, saves it, submits it from the case page. */
async function writeAndSubmit(page: Page, title: string) {
  await page.goto("/cases/new");
  await page.getByLabel("案例标题", { exact: true }).fill(title);
  await page.getByLabel("案例类别", { exact: true }).selectOption({ label: "体制机制创新" });
  await page.getByLabel("牵头地区", { exact: true }).selectOption({ label: "北京市" });
  await page.getByLabel("导语第 1 段", { exact: true }).fill("北京朝阳区针对外国投资者设立企业时的困难，探索一站式服务模式。");
  await page.getByLabel("主要做法（一）标题", { exact: true }).fill(PRACTICE_HEADING);
  await page.getByLabel("主要做法（一）第 1 段段落正文", { exact: true }).fill(PRACTICE_TEXT);
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
  await expect(page.getByRole("status").filter({ hasText: "已提交审核。" })).toBeVisible();
  await expect(caseState(page)).toHaveText("已提交");
  return caseId;
}

test("submit → claim → request changes with a comment → revise, reply, resubmit → diff → approve → history", async ({ page }) => {
  test.slow();

  // ---- The submitter writes the case in the editor and submits it from the case page.
  await loginAs(page, "beijing");
  const caseId = await writeAndSubmit(page, TITLE);
  await expect(page.getByRole("link", { name: "编辑", exact: true })).toHaveCount(0);
  await logout(page);

  // ---- The reviewer finds it in the queue, claims it, comments on the practice and sends it back.
  await loginAs(page, "reviewer");
  await expect(page.getByTestId("unread-count")).toBeVisible();
  await openCaseFromQueue(page);
  await page.getByRole("button", { name: "领取审核", exact: true }).click();
  await expect(caseState(page)).toHaveText("审核中");
  await expect(page.getByTestId("case-holder")).toHaveText("部委审核人");

  await page.getByLabel("针对", { exact: true }).selectOption({ label: `主要做法（一）${PRACTICE_HEADING}` });
  await page.getByLabel("意见内容", { exact: true }).fill(COMMENT);
  await page.getByRole("button", { name: "发表意见", exact: true }).click();
  const practiceGroup = page.getByRole("region", { name: `主要做法（一）${PRACTICE_HEADING}` });
  await expect(practiceGroup.getByText(COMMENT)).toBeVisible();

  await page.locator("summary", { hasText: "退回修改" }).click(); // opens the reason form
  await page.getByRole("button", { name: "确认退回修改", exact: true }).click();
  // The reason is required: the server refuses and says why.
  await expect(page.getByTestId("transition-error")).toHaveText("请填写“退回修改”的理由。");
  await page.getByLabel("退回修改的理由", { exact: true }).fill(REASON);
  await page.getByRole("button", { name: "确认退回修改", exact: true }).click();
  await expect(caseState(page)).toHaveText("退回修改");
  await logout(page);

  // ---- The submitter is notified, revises the practice, answers the comment and resubmits.
  await loginAs(page, "beijing");
  await expect(page.getByTestId("unread-count")).toBeVisible();
  await mainNav(page).getByRole("link", { name: "通知", exact: true }).click();
  const notice = page.getByTestId("notification").filter({ hasText: `“${TITLE}”：退回修改（${REASON}）` });
  await expect(notice).toBeVisible();
  await expect(page.getByTestId("notification").filter({ hasText: `“${TITLE}”：部委审核人发表了审核意见（主要做法（一）${PRACTICE_HEADING}）：${COMMENT}` })).toBeVisible();
  await notice.getByRole("button", { name: "查看案例", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/cases/${caseId}`);

  await page.getByRole("link", { name: "编辑", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/cases/${caseId}/edit`);
  const practiceText = page.getByLabel("主要做法（一）第 1 段段落正文", { exact: true });
  await practiceText.fill(`${PRACTICE_TEXT.slice(0, -1)}，${ADDED}。`);
  await page.getByRole("button", { name: "保存草稿", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d\d:\d\d$/);
  await page.getByRole("link", { name: "查看案例页", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/cases/${caseId}`);

  const thread = page.getByTestId("comment-thread").filter({ hasText: COMMENT });
  await thread.locator("summary", { hasText: "回复" }).click();
  await thread.getByLabel("回复内容", { exact: true }).fill(REPLY);
  await thread.getByRole("button", { name: "发表回复", exact: true }).click();
  await expect(page.getByTestId("comment-thread").filter({ hasText: COMMENT }).getByText(REPLY)).toBeVisible();

  await page.getByRole("button", { name: "重新提交", exact: true }).click();
  await expect(caseState(page)).toHaveText("已提交");
  await logout(page);

  // ---- The reviewer sees exactly that change, and approves.
  await loginAs(page, "reviewer");
  await openCaseFromQueue(page);
  await expect(page.getByTestId("comment-thread").filter({ hasText: COMMENT }).getByText(REPLY)).toBeVisible();
  await page.getByRole("link", { name: "查看最近一次修改对比", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === `/cases/${caseId}/diff`);
  await expect(page.getByTestId("diff-summary")).toHaveText("共有 1 处修改。");
  const changed = page.locator('[data-status="changed"], [data-status="added"], [data-status="removed"]');
  await expect(changed).toHaveCount(1);
  await expect(changed).toHaveAttribute("data-section", "practices.items.0");
  await expect(changed.locator("ins")).toHaveText([`，${ADDED}`]);
  await expect(changed.locator("del")).toHaveCount(0);
  // Only what changed: the unchanged sections keep their titles but lose their text.
  await page.getByLabel("只显示修改部分").check();
  await page.getByRole("button", { name: "对比", exact: true }).click();
  await expect(page).toHaveURL(/changed=1/);
  await expect(page.locator('[data-section="intro"] .diff-text')).toHaveCount(0);
  await expect(page.locator('[data-section="practices.items.0"] ins')).toHaveText([`，${ADDED}`]);

  await page.getByRole("link", { name: "返回案例", exact: true }).click();
  await page.getByRole("button", { name: "审核通过", exact: true }).click();
  await expect(caseState(page)).toHaveText("审核通过");
  await expect(page.getByTestId("timeline").getByRole("listitem").last()).toContainText("部委审核人（reviewer） 审核通过");
  await logout(page);

  // ---- The submitter reads the whole history, oldest first (autosaves, if any fired, fold into one line).
  await loginAs(page, "beijing");
  await page.goto(`/cases/${caseId}`);
  await expect(caseState(page)).toHaveText("审核通过");
  const entries = page.getByTestId("timeline").getByRole("listitem");
  await expect(entries.last()).toContainText("审核通过");
  const texts = await entries.allTextContents();
  const expected = [
    "北京市填报人（beijing） 新建案例",
    "北京市填报人（beijing） 提交审核",
    "部委审核人（reviewer） 领取审核",
    "部委审核人（reviewer） 发表评论",
    `部委审核人（reviewer） 退回修改`,
    "北京市填报人（beijing） 保存案例",
    "北京市填报人（beijing） 发表评论",
    "北京市填报人（beijing） 修改后重新提交",
    "部委审核人（reviewer） 审核通过",
  ];
  // In this order, each on its own entry (other entries, e.g. autosaves, may sit in between).
  let at = 0;
  const positions = expected.map((line) => {
    while (at < texts.length && !texts[at].includes(line)) at++;
    return at++;
  });
  expect(positions.every((p) => p < texts.length), `history:\n${texts.join("\n")}`).toBe(true);
  expect(texts[positions[4]]).toContain(`理由：${REASON}`);
  expect(texts[positions[3]]).toContain(COMMENT);
  await expect(entries.nth(positions[7]).getByRole("link", { name: "查看修改", exact: true })).toHaveAttribute("href", /\/diff\?to=\d+$/);
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
    await second.getByRole("button", { name: "审核通过", exact: true }).click();
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
