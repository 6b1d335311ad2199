import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { tourEveryPage, type TourLocale } from "./page-tour";

/**
 * Every page type, as each role sees it, in each UI language, passes axe with the WCAG 2.1 A/AA
 * rules and axe's best practices: zero violations. The failure lists each rule with the pages and
 * elements it found.
 */
for (const locale of ["zh-CN", "en"] satisfies TourLocale[]) test(`no page type has an accessibility violation (WCAG 2.1 A/AA and best practices), ${locale}`, async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const found: string[] = [];
  let pages = 0;
  await tourEveryPage(browser, baseURL!, async (page, stop) => {
    await expect(page.locator("html"), `${stop.path} in ${locale}`).toHaveAttribute("lang", locale);
    pages++;
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    for (const violation of results.violations) {
      const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(" | ");
      found.push(`${stop.role} ${stop.path}: ${violation.id} (${violation.help}) × ${violation.nodes.length}: ${targets}`);
    }
  }, { locale });
  expect(pages).toBeGreaterThan(25);
  expect(found, found.join("\n")).toEqual([]);
});

/**
 * On a 375 px phone no page scrolls sideways and no text is squeezed to one character per line (a
 * case title in a table cell, a button label, a heading): every element whose text has at least four
 * characters shows at least two of them per line.
 */
test("every page type fits a 375 px phone without sideways scrolling or one character per line", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const found: string[] = [];
  await tourEveryPage(
    browser,
    baseURL!,
    async (page, stop) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) found.push(`${stop.role} ${stop.path}: scrolls sideways by ${overflow} px`);
      const squeezed = await page.evaluate(() => {
        const out: string[] = [];
        const candidates = document.querySelectorAll<HTMLElement>("main td, main th, main h1, main h2, main h3, main a, main button, main label, main dt, main dd, header a, header button");
        for (const element of candidates) {
          // Skip what is not shown: hidden, or inside a box clipped to a pixel (a visually hidden table head).
          if (!element.offsetParent && getComputedStyle(element).position !== "fixed") continue;
          let clipped = false;
          for (let box: HTMLElement | null = element; box && !clipped; box = box.parentElement) clipped = box.getBoundingClientRect().width <= 1;
          if (clipped) continue;
          const text = (element.innerText ?? "").replace(/\s+/g, "");
          if (text.length < 4) continue;
          const range = document.createRange();
          range.selectNodeContents(element);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
          if (lines > 1 && text.length / lines < 2) out.push(`${element.tagName.toLowerCase()} "${text.slice(0, 20)}" in ${lines} lines`);
        }
        return out.slice(0, 5);
      });
      for (const s of squeezed) found.push(`${stop.role} ${stop.path}: ${s}`);
    },
    { viewport: { width: 375, height: 812 } },
  );
  expect(found, found.join("\n")).toEqual([]);
});
