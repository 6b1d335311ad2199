import { expect, loginAs, test } from "./fixtures";

/**
 * Paste-to-fill with the text of one of our own case pages, selected and copied in Chromium
 * (Ctrl+A, Ctrl+C through the real clipboard): the header, navigation, 状态 / 牵头地区 lines,
 * buttons and the review panel are ignored; the case's own title and sections are filled in.
 */
test("a whole case page copied in the browser and pasted into paste-to-fill fills in the case, not the page", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await loginAs(page, "beijing");
  await page.goto(`/search?q=${encodeURIComponent("离岸贸易")}`);
  await page.getByTestId("search-results").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/cases\/[^/]+$/);
  const title = (await page.locator(".case-document__title").innerText()).trim();
  expect(title.length).toBeGreaterThan(4);

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+C");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  // What the page really puts on the clipboard around the case.
  for (const chrome of ["跳到正文", "状态", "牵头地区", "最后修改", "退出"]) expect(copied).toContain(chrome);

  await page.goto("/cases/new");
  await page.getByText("粘贴整篇案例，自动识别并填入").click();
  await page.getByLabel("粘贴的案例全文").focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.getByLabel("粘贴的案例全文")).not.toHaveValue("");
  await page.getByRole("button", { name: "识别并填入", exact: true }).click();

  const result = page.getByTestId("paste-result");
  await expect(result).toContainText(`标题：${title}`);
  await expect(result).toContainText("已略去随正文复制的页面文字");
  await expect(page.getByRole("textbox", { name: "案例标题", exact: true })).toHaveValue(title);
  await expect(page.getByRole("textbox", { name: "主要做法（一）标题", exact: true })).not.toHaveValue("");
  for (const chrome of ["标题：状态", "跳到正文", "当前用户", "案例历程"]) await expect(result).not.toContainText(chrome);
});
