/**
 * The typefaces of the PDF's page: which characters the page sets in each role (read from the
 * laid-out page itself, so the stylesheet stays the one place that says which element uses which
 * face), a TrueType subset of each stand-in holding them, served to Chromium from a private origin,
 * and the @font-face rules naming them.
 */
import type { Page } from "playwright-core";
import { ALWAYS_SET, locateStandIns, subsetFace } from "./typefaces.server";
import { localSources, standInFontFaces, TYPEFACE_ROLES, TYPEFACES, type TypefaceRole } from "./typefaces";

/** Nothing is fetched from here: the page's requests to it are answered by `route`. */
const ORIGIN = "https://typefaces.pilot-cases.invalid";

export type PrintTypefaces = { css: string; missing: TypefaceRole[] };

/** The text of the page's text nodes by the stand-in roles their element's font stack names. */
async function textByRole(page: Page): Promise<Record<string, string>> {
  const families = TYPEFACE_ROLES.map((role) => [TYPEFACES[role].standIn.cssFamily, role] as const);
  return page.evaluate((families) => {
    const out: Record<string, string> = {};
    const rolesOf = new Map<Element, string[]>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element) continue;
      let roles = rolesOf.get(element);
      if (!roles) {
        const stack = getComputedStyle(element)
          .fontFamily.split(",")
          .map((name) => name.trim().replace(/^["']|["']$/g, ""));
        roles = families.filter(([family]) => stack.includes(family)).map(([, role]) => role);
        rolesOf.set(element, roles);
      }
      for (const role of roles) out[role] = (out[role] ?? "") + (node.textContent ?? "");
    }
    return out;
  }, families);
}

/**
 * Prepares the page's typefaces from the page's current content (the bulletin laid out once) and
 * returns the @font-face rules to print it with. A stand-in this machine lacks keeps its local()
 * source (the PDF then has whatever the system substitutes) and is reported as missing.
 */
export async function preparePrintTypefaces(page: Page): Promise<PrintTypefaces> {
  const [text, located] = await Promise.all([textByRole(page), locateStandIns()]);
  const files = new Map<string, Buffer>();
  const missing: TypefaceRole[] = [];
  await Promise.all(
    TYPEFACE_ROLES.map(async (role) => {
      const face = located[role];
      if (!face) return void missing.push(role);
      files.set(`/${role}.ttf`, await subsetFace(face, (text[role] ?? "") + ALWAYS_SET));
    }),
  );
  await page.route(`${ORIGIN}/**`, (route) => {
    const body = files.get(new URL(route.request().url()).pathname);
    return body ? route.fulfill({ status: 200, contentType: "font/ttf", body }) : route.fulfill({ status: 404, body: "" });
  });
  const css = standInFontFaces((t) => (files.has(`/${t.role}.ttf`) ? `url("${ORIGIN}/${t.role}.ttf") format("truetype")` : localSources(t)));
  return { css, missing };
}

/** Waits until every face the page declares has loaded (or failed). */
export async function fontsLoaded(page: Page) {
  await page.evaluate(async () => {
    await Promise.all([...document.fonts].map((face) => face.load().catch(() => null)));
    await document.fonts.ready;
  });
}
