import type { Locator, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, test } from "./fixtures";

/**
 * The submit and review journeys with the keyboard only: Tab to move, typing to fill, Enter and
 * the arrow keys to act. At every Tab the focused element is visible on the page (never an empty
 * box, a hidden link or an element under the page's edge), and each Enter does what a click would.
 */

/** Presses Tab until `target` has the focus; every element the focus passes is visible. */
async function tabTo(page: Page, target: Locator, max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { visible: true, what: "body" };
      el.scrollIntoView({ block: "nearest" });
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const shown = box.width >= 2 && box.height >= 2 && style.visibility !== "hidden" && Number(style.opacity) > 0;
      const label = el.getAttribute("aria-label") ?? el.innerText ?? "";
      return { visible: shown && label.trim() !== "" || (shown && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)), what: el.outerHTML.slice(0, 160) };
    });
    expect(focused.visible, `the focus is on something invisible or empty: ${focused.what}`).toBe(true);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${max} presses of Tab never reached ${target}`);
}

/** Chooses the option labelled `label` of a focused select with the arrow keys. */
async function arrowToOption(page: Page, select: Locator, label: string) {
  for (let i = 0; i < 40; i++) {
    if ((await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? "")) === label) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no option ${label}`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

async function keyboardLogin(page: Page, username: string) {
  await page.goto("/login");
  await typeInto(page, page.getByLabel("用户名", { exact: true }), username);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("密码", { exact: true })).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/");
}

const TITLE = "只用键盘填报的案例";

test("a submitter writes and submits a case, and a reviewer comments and approves it, with the keyboard only", async ({ page }) => {
  test.slow();
  const field = (name: string) => page.getByLabel(name, { exact: true });

  // ---- The submitter.
  await keyboardLogin(page, "beijing");
  await tabTo(page, page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "本地区案例", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/cases");
  await tabTo(page, page.getByRole("link", { name: "新建案例", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/cases/new");

  await typeInto(page, field("案例标题"), TITLE);
  await tabTo(page, field("案例类别"));
  await arrowToOption(page, field("案例类别"), "体制机制创新");
  await tabTo(page, field("牵头地区"));
  await arrowToOption(page, field("牵头地区"), "北京市");
  await typeInto(page, field("导语第 1 段"), "北京朝阳区探索一站式服务模式。");
  await typeInto(page, field("主要做法（一）标题"), "优化外资企业登记服务流程。");
  await typeInto(page, field("主要做法（一）第 1 段段落正文"), "设立外资服务专窗，提供全程帮办服务。");
  // A second practice, added and deleted again: the focus comes back to a field, not an empty box.
  await tabTo(page, page.getByRole("button", { name: "添加一条做法", exact: true }));
  await page.keyboard.press("Enter");
  await expect(field("主要做法（二）标题")).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "删除本条做法（主要做法（二））", exact: true }));
  await page.keyboard.press("Enter");
  await expect(field("主要做法（二）标题")).toHaveCount(0);
  await expect(field("主要做法（一）标题")).toBeFocused();
  await typeInto(page, field("效果（一）标题"), "实现全程网办登记。");
  await typeInto(page, field("效果（一）第 1 段段落正文"), "落地首户港资企业。");
  await typeInto(page, field("下一步方向正文"), "加强与更多国家和地区的有关部门合作。");
  await tabTo(page, page.getByRole("button", { name: "提交审核", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("flash")).toHaveText(`案例“${TITLE}”已提交审核，审核人会收到通知。`);
  await expect(page.getByTestId("case-state")).toHaveText("已提交");
  await tabTo(page, page.getByRole("banner").getByRole("button", { name: "退出", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/login");

  // ---- The reviewer.
  await keyboardLogin(page, "reviewer");
  await tabTo(page, page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "审核队列", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/review");
  await tabTo(page, page.getByRole("link", { name: TITLE, exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "领取审核", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("case-state")).toHaveText("审核中");

  await tabTo(page, field("针对"));
  await arrowToOption(page, field("针对"), "下一步方向");
  await typeInto(page, field("意见内容"), "请写明合作的国家和地区。");
  await tabTo(page, page.getByRole("button", { name: "发表意见", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "下一步方向" }).getByText("请写明合作的国家和地区。")).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "审核通过", exact: true }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "确认审核通过" });
  await expect(dialog).toBeVisible();
  // The dialog takes the focus; Tab stays inside it until it is answered.
  await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await tabTo(page, dialog.getByRole("button", { name: "确认审核通过", exact: true }), 10);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("case-state")).toHaveText("审核通过");
  await expect(page.getByTestId("flash")).toHaveText(`案例“${TITLE}”已审核通过。`);
});
