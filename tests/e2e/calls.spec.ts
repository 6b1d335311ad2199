import type { Page } from "@playwright/test";
import { expect, loginAs, logout, test, writeCompleteDraft } from "./fixtures";

/**
 * The call-for-cases journey: a publisher opens a call with a deadline and a quota of 1 for 北京 →
 * `beijing` sees it on the dashboard, answers it with two cases and submits one → at two days
 * before the deadline the reminder reaches `shanghai` (which has submitted nothing) → after the
 * deadline submitting the second case is refused with a clear message → the call's progress table
 * shows it all. Time moves on the server through /test-clock (the e2e server runs with
 * PILOT_TEST_CLOCK=1) and in the browser through page.clock, to the same instant.
 * (Compiling the call into a batch is covered by tests/integration/calls.test.ts: here it would
 * race the publishing spec, which compiles 第四批 in parallel.)
 */

const stamp = Date.now().toString(36).slice(-5);
const CALL = `关于征集第五批最佳实践案例的通知${stamp}`;
const FIRST = `服务贸易数字化案例${stamp}`;
const SECOND = `跨境医疗协同案例${stamp}`;
const DAY = 24 * 3600 * 1000;

/** "2026-12-10T18:00" in Beijing time, as a datetime-local field takes it. */
const beijingInput = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);

async function moveClock(page: Page, baseURL: string, at: Date) {
  const response = await page.request.post("/test-clock", { form: { at: at.toISOString() }, headers: { Origin: baseURL } });
  expect(response.status()).toBe(200);
  await page.clock.setSystemTime(at);
  return (await response.json()) as { reminders: { callId: number; region: string }[] };
}

async function attach(page: Page, callUrl: string, title: string) {
  await page.goto(callUrl);
  await page.getByLabel("案例", { exact: true }).selectOption({ label: title });
  await page.getByRole("button", { name: "归入此征集", exact: true }).click();
  await expect(page.getByRole("list").getByRole("link", { name: title })).toBeVisible();
}

test("a call for cases: open, answer, remind, refuse after the deadline, show progress", async ({ page, baseURL }) => {
  test.slow();
  const start = new Date();
  await page.clock.install({ time: start });
  const deadline = new Date(start.getTime() + 5 * DAY);
  try {
    // ---- The publisher opens the call.
    await loginAs(page, "publisher");
    await page.goto("/calls");
    await page.getByRole("link", { name: "发布新的征集", exact: true }).click();
    await page.getByLabel("征集标题", { exact: true }).fill(CALL);
    await page.getByLabel("截止时间", { exact: true }).fill(beijingInput(deadline));
    await page.getByRole("checkbox", { name: "北京市" }).check();
    await page.getByRole("checkbox", { name: "上海市" }).check();
    await page.getByLabel("北京市名额", { exact: true }).fill("1");
    await page.getByRole("button", { name: "发布征集", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: CALL })).toBeVisible();
    const callUrl = new URL(page.url()).pathname;
    await logout(page);

    // ---- Beijing sees it on the dashboard and answers with two cases, submitting one.
    await loginAs(page, "beijing");
    await page.goto("/");
    await expect(page.getByTestId("panel-submitter").getByRole("link", { name: CALL })).toBeVisible();
    const first = await writeCompleteDraft(page, FIRST);
    const second = await writeCompleteDraft(page, SECOND);
    await attach(page, callUrl, FIRST);
    await attach(page, callUrl, SECOND);
    await page.goto(`/cases/${first}`);
    await page.getByRole("button", { name: "提交审核", exact: true }).click();
    await expect(page.getByTestId("case-state")).toHaveText("已提交");
    // Beijing's quota of 1 is used: the second case is refused, naming the quota.
    await page.goto(`/cases/${second}`);
    await page.getByRole("button", { name: "提交审核", exact: true }).click();
    await expect(page.getByText("给北京市的名额为 1 件，本地区已提交 1 件，名额已满")).toBeVisible();
    await expect(page.getByTestId("case-state")).toHaveText("草稿");

    // ---- Two days before the deadline the reminder reaches Shanghai, not Beijing.
    const reminded = await moveClock(page, baseURL!, new Date(deadline.getTime() - 2 * DAY));
    const callId = Number(callUrl.split("/").pop());
    expect(reminded.reminders.filter((r) => r.callId === callId).map((r) => r.region)).toEqual(["shanghai"]);
    await logout(page);
    await loginAs(page, "shanghai");
    await page.goto("/inbox");
    await expect(page.getByText(`提醒：征集《${CALL}》将于`)).toBeVisible();
    await logout(page);

    // ---- After the deadline a new submission is refused, with the reason.
    await moveClock(page, baseURL!, new Date(deadline.getTime() + 3600 * 1000));
    await loginAs(page, "beijing");
    await page.goto(`/cases/${second}`);
    await page.getByRole("button", { name: "提交审核", exact: true }).click();
    await expect(page.getByText(`征集《${CALL}》已于`)).toBeVisible();
    await expect(page.getByText("不再接受提交")).toBeVisible();
    await expect(page.getByTestId("case-state")).toHaveText("草稿");
    await logout(page);

    // ---- The publisher reads the progress by region.
    await loginAs(page, "publisher");
    await page.goto(callUrl);
    await expect(page.getByText("已截止").first()).toBeVisible();
    const table = page.getByRole("table", { name: "各地区进度" });
    const row = (name: string) => table.getByRole("row", { name: new RegExp(`^${name}`) });
    // 地区, 草稿, 已提交, 审核中, 退回修改, 审核通过, 名额, 逾期提交
    await expect(row("北京市").getByRole("cell")).toHaveText(["1", "1", "0", "0", "0 / 1", "1", "0"]);
    await expect(row("上海市").getByRole("cell")).toHaveText(["0", "0", "0", "0", "0", "不限", "0"]);
  } finally {
    await moveClock(page, baseURL!, new Date());
  }
});
