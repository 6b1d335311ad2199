import { expect, loginAs, test } from "./fixtures";

/**
 * The editor's checks panel (app/aids): a submitter sees a 截止/etc defect in what they type,
 * with a link to the field, fixes it, and the panel clears. Nothing blocks saving.
 */
test("a submitter sees the 截止 and etc defects in the checks panel, fixes them, and the panel clears", async ({ page }) => {
  await loginAs(page, "beijing");
  await page.goto("/cases/new");
  const panel = page.getByTestId("checks-panel");
  await expect(panel).toContainText("未发现问题");

  const intro = page.getByRole("textbox", { name: "导语第 1 段", exact: true });
  await intro.fill("截止2025年6月，朝阳区已建成孵化器 etc 科创载体 20 家。");
  await expect(panel.locator('li[data-rule="jiezhi"]')).toContainText("截至");
  await expect(panel.locator('li[data-rule="english-word"]')).toContainText("etc");
  // each finding links to its field in the form
  const link = panel.locator('li[data-rule="jiezhi"]').getByRole("link", { name: "定位" });
  const href = await link.getAttribute("href");
  expect(href).toBe("#f-intro.0.text");
  expect(await page.locator(`[id="${href!.slice(1)}"]`).count()).toBe(1);

  // saving is not blocked by the findings
  await page.getByRole("textbox", { name: "案例标题", exact: true }).fill("检查面板测试案例");
  await page.getByLabel("案例类别").selectOption({ label: "体制机制创新" });
  await page.getByRole("button", { name: "保存草稿", exact: true }).click();
  await expect(page).toHaveURL(/\/cases\/[^/]+\/edit$/);
  await expect(page.getByTestId("checks-panel").locator('li[data-rule="jiezhi"]')).toBeVisible();

  await page.getByRole("textbox", { name: "导语第 1 段", exact: true }).fill("截至2025年6月，朝阳区已建成孵化器等科创载体 20 家。");
  await expect(page.getByTestId("checks-panel")).toContainText("未发现问题");
  await expect(page.getByTestId("checks-panel").locator("li")).toHaveCount(0);
});

test("a reviewer sees an imported case's defects, its figures table (also as CSV) on the case page", async ({ page }) => {
  await loginAs(page, "reviewer");
  await page.goto(`/search?q=${encodeURIComponent("一联盟一平台二中心")}`);
  await page.getByRole("link", { name: "建立“一联盟一平台二中心” 构建国际数据合作通道" }).first().click();
  const panel = page.getByTestId("review-aids");
  // the text's half-width commas, and the source's "(二)" the importer normalised
  await expect(panel.locator('li[data-rule="half-width-punct"]').first()).toBeVisible();
  await expect(panel).toContainText("(二)搭建“中新国际数据通道”");
  const table = panel.getByTestId("figures-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await expect(table).toContainText("260");
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("link", { name: "下载 CSV" }).click()]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text).toContain("数值,单位,统计对象,截至时间");
  expect(text).toContain("260,Gbps");
});
