import { expect, test } from "./fixtures";
import { APP_NAME, tourEveryPage } from "./page-tour";

/**
 * Every page says what it is in its `<title>` ("探索粤港澳大湾区医疗融合新模式 · 最佳实践案例系统"),
 * so tabs, bookmarks and history tell pages apart; the browser finds the icons and the manifest.
 */
test("every page type has a title naming the page, then the system", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const titles = new Map<string, string>();
  await tourEveryPage(browser, baseURL!, async (page, stop) => {
    const title = await page.title();
    expect(title, stop.path).toMatch(new RegExp(` · ${APP_NAME}$`));
    const specific = title.slice(0, -` · ${APP_NAME}`.length);
    expect(specific, `${stop.role} ${stop.path}`).toContain(stop.titleNames);
    const seen = titles.get(title);
    expect(seen === undefined || seen === stop.path, `"${title}" on both ${seen} and ${stop.path}`).toBe(true);
    titles.set(title, stop.path);
  });
  expect(titles.size).toBeGreaterThan(25);
});

test("the favicon, the touch icon and the web manifest are there", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));

  await page.goto("/login");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBe("/manifest.webmanifest");
  for (const rel of ["icon", "apple-touch-icon"]) {
    for (const href of await page.locator(`link[rel="${rel}"]`).evaluateAll((links) => links.map((l) => l.getAttribute("href")!))) {
      expect((await request.get(href)).status(), href).toBe(200);
    }
  }
  const response = await request.get(manifestHref!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as { name: string; lang: string; start_url: string; icons: { src: string; sizes: string; type: string }[] };
  expect(manifest).toMatchObject({ name: APP_NAME, lang: "zh-CN", start_url: "/" });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toContain(icon.type);
  }
});
