import { expect } from "vitest";

/**
 * Talking to a real server over HTTP, as a browser without JavaScript would: sign in with the demo
 * password and post url-encoded forms with the session cookie and a same-origin Origin header.
 * Used by the tests that start `app/server/main.ts` as a process (shutdown, crash, least privilege).
 */
export function httpClient(origin: string) {
  async function login(username: string, password = "demo12345") {
    const response = await fetch(`${origin}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password }),
    });
    expect(response.status).toBe(302);
    return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  }

  async function postForm(cookie: string, path: string, entries: [string, string][]) {
    const response = await fetch(`${origin}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(entries),
    });
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get("location") ?? "" };
  }

  return { login, postForm };
}
