import { eq } from "drizzle-orm";
import type { AppLoadContext } from "@remix-run/node";
import { users } from "#db/schema";
import { authenticate, startSession } from "~/auth/session.server";
import { getDb } from "~/db/db.server";

/**
 * Calls route modules the way the server does: a Request, and the load context the HTTP server
 * would build for a signed-in user (a real session, validated by the real code).
 */
export const BASE = "http://localhost:3000";

export async function contextFor(username: string | null, ip = "127.0.0.1"): Promise<AppLoadContext> {
  if (!username) return { auth: { user: null, sessionId: null, setCookie: null }, clientIp: ip, userAgent: "vitest", cspNonce: "test" };
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  if (!user) throw new Error(`no such test user: ${username}`);
  const cookie = (await startSession(user.id)).split(";")[0];
  return { auth: await authenticate(cookie), clientIp: ip, userAgent: "vitest", cspNonce: "test" };
}

export function get(path: string) {
  return new Request(`${BASE}${path}`);
}

export function post(path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { Origin: BASE } });
}

/** Runs a loader/action and returns what it produced, whether it returned or threw. */
export async function run<T>(fn: () => Promise<T> | T): Promise<{ status: number; location: string | null; data: unknown; headers: Headers }> {
  try {
    const result = (await fn()) as unknown;
    return describe(result);
  } catch (thrown) {
    return describe(thrown);
  }
}

function describe(value: unknown) {
  if (value instanceof Response) {
    return { status: value.status, location: value.headers.get("Location"), data: null, headers: value.headers };
  }
  // `data()` results of single fetch: { type: "DataWithResponseInit", data, init }
  const v = value as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } | null };
  if (v && v.type === "DataWithResponseInit") {
    return { status: v.init?.status ?? 200, location: null, data: v.data, headers: new Headers(v.init?.headers) };
  }
  if (value instanceof Error) throw value;
  return { status: 200, location: null, data: value, headers: new Headers() };
}
