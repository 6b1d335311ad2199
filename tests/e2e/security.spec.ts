import type { APIResponse, Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, loginAs, test } from "./fixtures";

/**
 * Web security of the built production server (issue #8):
 * - security headers on every kind of answer: HTML page, resource routes (CSV, download, CSS,
 *   /ping), 404, 403, static files, /healthz;
 * - error pages never show a stack trace or a file path, also for the inputs that used to break
 *   the server (a malformed session cookie, a NUL byte in an id or a search);
 * - cross-origin posts to state-changing routes are refused and change nothing;
 * - the session cookie is HttpOnly and SameSite=Lax (Secure is checked in
 *   tests/integration/security-web.test.ts: this server speaks plain HTTP);
 * - script and markup typed into every field of a case, and into a review comment, show as text
 *   on every page that shows them: no dialog, no injected element or attribute, no CSP violation.
 *
 * No failed logins here (foundation.spec.ts counts them against the per-address throttle).
 */

const PAYLOAD = {
  script: "<script>alert(1)</script>",
  img: "<img src=x onerror=alert(1)>",
  svg: "<svg onload=alert(1)>",
  anchor: '<a href="javascript:alert(1)">链接</a>',
  link: "[点我](javascript:alert(1))",
  js: "javascript:alert(1)",
  heading: "# 标题",
};
const ALL = Object.values(PAYLOAD).join(" ");

function directives(csp: string) {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values] as const),
  );
}

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = directives(headers["content-security-policy"] ?? "");
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  const scriptSrc = csp.get("script-src") ?? csp.get("default-src") ?? [];
  expect(scriptSrc.length, what).toBeGreaterThan(0);
  expect(scriptSrc, what).not.toContain("'unsafe-inline'");
  expect(scriptSrc, what).not.toContain("'unsafe-eval'");
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["x-powered-by"], what).toBeUndefined();
}

/** No stack trace, no server file path, no raw error text in a page body. */
function expectNoLeak(body: string, what: string) {
  expect(body, what).not.toMatch(/\n\s+at\s+\S+\s+\(|\bat\s+\S+\s+\((?:file:|\/)/);
  expect(body, what).not.toMatch(/\/work\/|node_modules|\.tsx?:\d+|Failed query|URIError|RangeError|TypeError|invalid byte sequence/);
  // Remix's own texts for an unknown address or a missing action (English, naming the URL or the
  // route module) are replaced in the hydration data too (app/server/framework-errors.server.ts).
  expect(body, what).not.toMatch(/No route matches|did not provide an `action`/);
}

async function newUserPage(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, username);
  return page;
}

test.describe("security headers on every kind of answer", () => {
  test("HTML page, resource routes, 404, 403, static files, /ping and /healthz", async ({ page, baseURL, browser }) => {
    await loginAs(page, "admin");
    const request = page.request;
    const checks: [string, string, number][] = [
      ["HTML page", "/", 200],
      ["CSV download (resource route)", "/admin/audit.csv", 200],
      ["Markdown download (resource route)", "/bulletins/3/download/md", 200],
      ["stylesheet (resource route)", "/bulletins/document.css", 200],
      ["/ping", "/ping", 200],
      ["404 page", "/no-such-page", 404],
      ["404 of a case", "/cases/00000000-0000-4000-8000-000000000000", 404],
      ["static file", "/favicon.svg", 200],
      ["/healthz", "/healthz", 200],
    ];
    // a hashed asset of the build
    await page.goto("/");
    const asset = await page.locator("script[src^='/assets/'], link[href^='/assets/']").first().evaluate((el) => el.getAttribute("src") ?? el.getAttribute("href"));
    checks.push(["hashed asset", asset!, 200]);
    for (const [what, path, status] of checks) {
      const response = await request.get(path);
      expect(response.status(), what).toBe(status);
      expectSecurityHeaders(response, what);
    }
    // 403 page, as a submitter
    const beijing = await newUserPage(browser, "beijing");
    const forbidden = await beijing.request.get("/admin/users");
    expect(forbidden.status()).toBe(403);
    expectSecurityHeaders(forbidden, "403 page");
    expect(await forbidden.text()).toContain("无权访问");
    // anonymous: the login redirect
    const anonymous = await browser.newContext({ baseURL });
    const redirect = await anonymous.request.get("/admin/users", { maxRedirects: 0 });
    expect(redirect.status()).toBe(302);
    expectSecurityHeaders(redirect, "redirect to the login");
    await anonymous.close();
    await beijing.context().close();
  });
});

test.describe("error pages", () => {
  test("never show a stack trace or a file path, for inputs that used to break the server too", async ({ page, baseURL, browser }) => {
    await loginAs(page, "beijing");
    const probes: [string, string, number][] = [
      ["404", "/no-such-page", 404],
      ["403", "/admin/users", 403],
      ["NUL byte in a case id", "/cases/%00", 404],
      ["NUL byte in a case id (edit)", "/cases/%00/edit", 404],
      ["NUL byte in a search", "/search?q=%E5%A4%96%00%E8%B5%84", 400],
      ["garbage batch number", "/bulletins/1e9999", 404],
      ["unknown download format", "/bulletins/3/download/exe", 404],
    ];
    for (const [what, path, status] of probes) {
      const response = await page.request.get(path);
      expect(response.status(), what).toBe(status);
      expectNoLeak(await response.text(), what);
    }
    const admin = await newUserPage(browser, "admin");
    for (const [what, path, status] of [
      ["a number that is no batch in the import notice", "/admin/import?imported=abc", 400],
      ["NUL byte in an account id", "/admin/users/%00", 404],
    ] as const) {
      const response = await admin.request.get(path);
      expect(response.status(), what).toBe(status);
      expectNoLeak(await response.text(), what);
    }
    await admin.context().close();
    // A form posted to a page without an action: Remix's own message (English, naming the route
    // module) is replaced by ours.
    const posted = await page.request.post("/bulletins", { form: { x: "1" }, headers: { Origin: baseURL! } });
    expect(posted.status()).toBe(405);
    const body = await posted.text();
    expect(body).toContain("不支持的操作（405）");
    // Neither what the page shows nor its hydration data carries the framework's own text.
    expect(body).not.toMatch(/did not provide|for route "routes|No route matches/);
    expectNoLeak(body, "405");
    // A session cookie that is not percent-decodable or carries a NUL byte: a visitor without a
    // session, not a 500.
    for (const value of ["%E0%A4%A", "%00"]) {
      const response = await fetch(`${baseURL}/login`, { headers: { Cookie: `pilot_session=${value}` } });
      expect(response.status, value).toBe(200);
      expect(response.headers.get("set-cookie") ?? "", value).toMatch(/pilot_session=;.*Max-Age=0/);
      expectNoLeak(await response.text(), `cookie ${value}`);
    }
  });
});

test.describe("error pages under the CSP", () => {
  /** CSP violations as the page sees them (the event) and as Chromium reports them (the console). */
  async function watchCsp(page: Page) {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|Refused to (execute|load|evaluate)/i.test(message.text())) violations.push(message.text());
    });
    await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    return violations;
  }
  const hydrated = (page: Page) =>
    page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__reactFiber$")));

  test("a 404 — an unknown address, a loader's 404 — hydrates with no CSP violation, in Chinese", async ({ page, browser, baseURL }) => {
    const violations = await watchCsp(page);
    await loginAs(page, "beijing");
    for (const path of ["/no-such-page", "/cases/00000000-0000-4000-8000-000000000000", "/bulletins/999"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "页面不存在（404）" }), path).toBeVisible();
      await expect.poll(() => hydrated(page), `${path}: hydrated`).toBe(true);
      const shown = await page.locator("main").innerText();
      expect(shown, path).not.toMatch(/routes\/|No route matches|Not Found/);
      // A client-side link works: the navigation happens in the same document (no reload).
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      await page.getByRole("main").getByRole("link", { name: "返回首页", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "北京市填报人，您好" })).toBeVisible();
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), `${path}: client-side navigation`).toBe(true);
    }
    // Anonymous too (no root data about a user at all).
    const anonymous = await browser.newContext({ baseURL });
    const visitor = await anonymous.newPage();
    const visitorViolations = await watchCsp(visitor);
    expect((await visitor.goto("/no-such-page"))?.status()).toBe(404);
    await expect(visitor.getByRole("heading", { level: 1, name: "页面不存在（404）" })).toBeVisible();
    await expect.poll(() => hydrated(visitor)).toBe(true);
    await visitor.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await visitor.getByRole("link", { name: "返回首页", exact: true }).click();
    await expect(visitor).toHaveURL((url) => url.pathname === "/login");
    expect(await visitor.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await anonymous.close();
    expect([...violations, ...visitorViolations]).toEqual([]);
  });
});

test.describe("cross-origin posts", () => {
  test("are refused on state-changing routes and change nothing", async ({ page, browser }) => {
    await loginAs(page, "admin");
    const evil = { Origin: "http://evil.example" };
    const attempts: [string, Record<string, string>][] = [
      ["/admin/users/new", { username: "evil-admin", displayName: "恶意账号", password: "evil-password-1", roles: "admin" }],
      ["/admin/regions", { intent: "create", code: "evil", name: "恶意地区", shortName: "恶意", sortOrder: "1" }],
      ["/password", { currentPassword: DEMO_PASSWORD, newPassword: "evil-password-1", confirmPassword: "evil-password-1" }],
      ["/inbox", { intent: "read-all" }],
      ["/admin/import", { intent: "parse", text: "第一批" }],
    ];
    for (const [path, form] of attempts) {
      const response = await page.request.post(path, { headers: evil, form });
      expect(response.status(), path).toBe(403);
      expect(await response.text()).toContain("请求来源不被允许");
    }
    // nothing happened: no account, no region, the password unchanged (the admin is still signed in)
    await page.goto("/admin/users");
    await expect(page.getByRole("cell", { name: "evil-admin", exact: true })).toHaveCount(0);
    await page.goto("/admin/regions");
    await expect(page.getByText("恶意地区")).toHaveCount(0);
    await expect(page.getByTestId("current-user")).toHaveText("系统管理员");

    const beijing = await newUserPage(browser, "beijing");
    const created = await beijing.request.post("/cases/new", { headers: evil, form: { intent: "save", title: "跨站伪造的案例" } });
    expect(created.status()).toBe(403);
    await beijing.goto("/cases");
    await expect(beijing.getByText("跨站伪造的案例")).toHaveCount(0);
    const publisher = await newUserPage(browser, "publisher");
    expect((await publisher.request.post("/batches/new", { headers: evil, form: { title: "伪造批次", preface: "" } })).status()).toBe(403);
    expect((await publisher.request.post("/logout", { headers: { Referer: "http://evil.example/x" }, form: {} })).status()).toBe(403);
    await publisher.reload();
    await expect(publisher.getByTestId("current-user")).toHaveText("案例发布人");
    await beijing.context().close();
    await publisher.context().close();
  });
});

test("the session cookie is HttpOnly and SameSite=Lax, a new one at every login, ended on the server at logout", async ({ baseURL }) => {
  // plain HTTP without a cookie jar: exactly the cookies given are sent
  const send = (path: string, init: RequestInit = {}) => fetch(`${baseURL}${path}`, { redirect: "manual", ...init });
  const login = async () => {
    const response = await send("/login", {
      method: "POST",
      headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "reviewer", password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(302);
    return response.headers.get("set-cookie") ?? "";
  };
  const first = await login();
  const second = await login();
  for (const cookie of [first, second]) {
    expect(cookie).toMatch(/^pilot_session=[a-z0-9]{40};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  }
  const old = first.split(";")[0]!;
  expect(old).not.toBe(second.split(";")[0]);
  expect((await send("/inbox", { headers: { Cookie: old } })).status).toBe(200);
  const out = await send("/logout", { method: "POST", headers: { Origin: baseURL!, Cookie: old } });
  expect(out.status).toBe(302);
  expect(out.headers.get("set-cookie")).toMatch(/^pilot_session=;.*Max-Age=0/);
  // the browser could keep sending the old cookie: the server no longer knows it
  const after = await send("/inbox", { headers: { Cookie: old } });
  expect(after.status).toBe(302);
  expect(after.headers.get("location")).toMatch(/^\/login/);
  // the other session is untouched
  expect((await send("/inbox", { headers: { Cookie: second.split(";")[0]! } })).status).toBe(200);
});

// ---------------------------------------------------------------------------------------------
// Stored script and markup

/** Every element and attribute of the page that a payload could have become. */
async function injected(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      const tag = el.tagName.toLowerCase();
      if (tag === "img" && el.getAttribute("src") === "x") found.push("<img src=x>");
      if (tag === "svg" && el.hasAttribute("onload")) found.push("<svg onload>");
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`<${tag} ${attr.name}>`);
        if (["href", "src", "action", "formaction"].includes(attr.name) && /^\s*javascript:/i.test(attr.value)) found.push(`<${tag} ${attr.name}=${attr.value}>`);
      }
    }
    return found;
  });
}

test("script and markup typed into every field of a case and a comment show as text, everywhere", async ({ page, baseURL, browser }) => {
  test.slow();
  const dialogs: string[] = [];
  const watch = (p: Page) => p.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  watch(page);
  await loginAs(page, "beijing");
  // a word of its own, in CJK characters, to find the case by search
  const stamp = [...Date.now().toString(36).slice(-5)].map((c) => String.fromCharCode(0x4e00 + 40 * c.charCodeAt(0))).join("");
  const title = `${PAYLOAD.img}${stamp}`;
  const rich = (label: string) => `${label}：${ALL}`;
  const fields: Record<string, string> = {
    title,
    category: "institutional-innovation",
    leadRegion: "beijing",
    "intro.0.text": rich("导语"),
    "practices.lead.text": rich("总述"),
    "practices.items.0.heading": PAYLOAD.anchor,
    "practices.items.0.body.0.type": "paragraph",
    "practices.items.0.body.0.lead": PAYLOAD.script,
    "practices.items.0.body.0.text.text": rich("做法"),
    "practices.items.1.heading": `${PAYLOAD.js} ${PAYLOAD.heading}`,
    "practices.items.1.body.0.type": "points",
    "practices.items.1.body.0.layout": "inline",
    "practices.items.1.body.0.intro.text": rich("引导"),
    "practices.items.1.body.0.points.0.lead": PAYLOAD.svg,
    "practices.items.1.body.0.points.0.text.text": rich("一是"),
    "practices.items.1.body.0.points.1.lead": PAYLOAD.link,
    "practices.items.1.body.0.points.1.text.text": rich("二是"),
    "effects.heading": "实践效果",
    "effects.items.0.heading": PAYLOAD.img,
    "effects.items.0.body.0.type": "paragraph",
    "effects.items.0.body.0.text.text": rich("效果"),
    "nextSteps.heading": "下一步创新方向",
    "nextSteps.kind": "paragraph",
    "nextSteps.text.text": rich("下一步"),
  };
  const origin = { Origin: baseURL! };
  const created = await page.request.post("/cases/new", { headers: origin, form: { ...fields, intent: "save" }, maxRedirects: 0 });
  expect(created.status(), await created.text()).toBe(302);
  const caseId = /^\/cases\/([0-9a-f-]{36})\/edit/.exec(created.headers()["location"] ?? "")![1]!;

  // The editor shows the stored values in its fields, as values.
  await page.goto(`/cases/${caseId}/edit`);
  await expect(page.getByLabel("案例标题", { exact: true })).toHaveValue(title);
  expect(await injected(page)).toEqual([]);

  const submitted = await page.request.post(`/cases/${caseId}/edit`, { headers: origin, form: { ...fields, intent: "submit", baseVersion: "1" }, maxRedirects: 0 });
  expect(submitted.status(), await submitted.text()).toBe(302);

  // The reviewer comments with payloads too, and reads the case in the queue.
  const reviewer = await newUserPage(browser, "reviewer");
  watch(reviewer);
  const commented = await reviewer.request.post(`/cases/${caseId}`, { headers: origin, form: { intent: "comment", anchor: "general", body: `意见 ${ALL}` }, maxRedirects: 0 });
  expect(commented.status()).toBe(302);
  for (const path of ["/review", `/cases/${caseId}`, `/search?q=${encodeURIComponent(stamp)}`]) {
    await reviewer.goto(path);
    // (visible ones: a closed confirmation dialog names the case too)
    await expect(reviewer.getByText(title).filter({ visible: true }).first()).toBeVisible();
    expect(await injected(reviewer), path).toEqual([]);
  }
  await reviewer.goto(`/cases/${caseId}`);
  await expect(reviewer.getByText(`意见 ${ALL}`)).toBeVisible();

  // The submitter: the case page with every section and the comment, the list, the inbox.
  for (const path of [`/cases/${caseId}`, "/cases", "/inbox"]) {
    await page.goto(path);
    expect(await injected(page), path).toEqual([]);
  }
  await page.goto(`/cases/${caseId}`);
  const article = page.locator(".case-document");
  for (const text of [PAYLOAD.script, PAYLOAD.anchor, PAYLOAD.svg, PAYLOAD.link, PAYLOAD.img, PAYLOAD.heading]) {
    await expect(article.getByText(text, { exact: false }).first(), text).toBeVisible();
  }
  await expect(page.getByText(`意见 ${ALL}`)).toBeVisible();
  expect(await page.locator(".case-document a").count()).toBe(0);

  expect(dialogs, "no payload ran").toEqual([]);
  await reviewer.context().close();
});
