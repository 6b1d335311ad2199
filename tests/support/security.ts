/**
 * Helpers of the security suites (tests/integration/security-*.test.ts): the route manifest built
 * the way Remix builds it, calling a route module's loader/action and classifying the answer.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { AppLoadContext } from "@remix-run/node";
import remixConfig from "../../remix.config.js";
import { BASE } from "./requests";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const APP_DIR = path.join(root, remixConfig.appDirectory ?? "app");

export type ManifestRoute = {
  id: string;
  /** Relative to the app directory, e.g. routes/cases.$caseId._index.tsx */
  file: string;
  /** The full URL pattern, e.g. /cases/:caseId */
  pattern: string;
  /** Names of the dynamic segments, in order. */
  params: string[];
};

type RawRoute = { id: string; parentId?: string; path?: string; file: string; index?: boolean };

/**
 * Every route module of the app, from Remix's own flat-routes convention with remix.config.js's
 * `ignoredRouteFiles` (so a new file under app/routes appears here by itself), plus the root.
 */
export function routeManifest(): ManifestRoute[] {
  const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
    flatRoutes: (appDir: string, ignored?: string[]) => Record<string, RawRoute>;
  };
  const raw: Record<string, RawRoute> = {
    root: { id: "root", path: "", file: "root.tsx" },
    ...flatRoutes(APP_DIR, remixConfig.ignoredRouteFiles ?? []),
  };
  const fullPath = (route: RawRoute): string => {
    const parent = route.parentId && route.parentId !== "root" ? raw[route.parentId] : undefined;
    const own = route.path ?? "";
    const base = parent ? fullPath(parent) : "";
    return [base, own].filter(Boolean).join("/");
  };
  return Object.values(raw)
    .map((r) => {
      const pattern = `/${fullPath(r)}`;
      const params = [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
      return { id: r.id, file: r.file, pattern, params };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export type RouteModule = {
  loader?: (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown;
  action?: (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown;
  default?: unknown;
};

export async function importRoute(route: ManifestRoute): Promise<RouteModule> {
  return (await import(/* @vite-ignore */ path.join(APP_DIR, route.file))) as RouteModule;
}

/** The URL path of a route pattern with its params filled in (each value URL-encoded). */
export function fillPattern(pattern: string, params: Record<string, string>) {
  return pattern.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for :${name} in ${pattern}`);
    return encodeURIComponent(params[name]!);
  });
}

export type Answer = {
  status: number;
  location: string | null;
  /** The data of a data()/json answer, or the text of a Response body (first 64 KB). */
  data: unknown;
  body: string;
  headers: Headers;
};

/**
 * Calls a loader/action the way the server does and says what came back, thrown or returned. A
 * thrown error that is not a Response/data() (what the server would answer with a 500) is
 * rethrown: callers treat it as a failure.
 */
export async function answerOf(fn: () => unknown): Promise<Answer> {
  let value: unknown;
  try {
    value = await fn();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    let body = "";
    if (value.body) {
      const reader = value.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        chunks.push(chunk);
        size += chunk.byteLength;
        if (size > 64 * 1024) {
          await reader.cancel();
          break;
        }
      }
      body = Buffer.concat(chunks).toString("utf8");
    }
    return { status: value.status, location: value.headers.get("Location"), data: null, body, headers: value.headers };
  }
  const v = value as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } | null };
  if (v && typeof v === "object" && v.type === "DataWithResponseInit") {
    return { status: v.init?.status ?? 200, location: null, data: v.data, body: "", headers: new Headers(v.init?.headers) };
  }
  if (value instanceof Error) throw value;
  return { status: 200, location: null, data: value, body: "", headers: new Headers() };
}

export type Observed = "success" | "login" | "forbidden" | "notfound" | "conflict" | "invalid" | "server-error";

/** 2xx and redirects elsewhere are "success"; a redirect to /login is the anonymous refusal. */
export function classify(answer: Pick<Answer, "status" | "location">): Observed {
  const { status, location } = answer;
  if (status >= 300 && status < 400) return location && /^\/login(\?|$)/.test(location) ? "login" : "success";
  if (status < 300) return "success";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status === 409) return "conflict";
  if (status >= 500) return "server-error";
  return "invalid";
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The messages an answer carries (strings under keys named message/error/errors/problems, at any
 * depth; never the echoed form values), or the text of a plain Response body.
 */
export function messagesOf(answer: Pick<Answer, "data" | "body">): string[] {
  const out: string[] = [];
  const leaves = (node: unknown, depth: number) => {
    if (depth > 8 || node === null || node === undefined) return;
    if (typeof node === "string") out.push(node);
    else if (typeof node === "object") for (const v of Object.values(node as Record<string, unknown>)) leaves(v, depth + 1);
  };
  const walk = (node: unknown, depth: number) => {
    if (depth > 8 || node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (/^(message|error|errors|problems)$/.test(key)) leaves(value, depth + 1);
      else if (key !== "values" && key !== "theirs" && key !== "theirsValues") walk(value, depth + 1);
    }
  };
  walk(answer.data, 0);
  if (answer.body && answer.data === null) out.push(answer.body);
  return out;
}

/** A refusal a person can read: at least one message, with Chinese text in it. */
export function hasChineseMessage(answer: Pick<Answer, "data" | "body">) {
  return messagesOf(answer).some((m) => CJK.test(m));
}

export function formRequest(pathname: string, entries: [string, string][], headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of entries) body.append(k, v);
  return new Request(`${BASE}${pathname}`, { method: "POST", body, headers: { Origin: BASE, ...headers } });
}

export function rawRequest(pathname: string, body: Uint8Array | string, contentType: string) {
  return new Request(`${BASE}${pathname}`, {
    method: "POST",
    body: typeof body === "string" ? body : (body as unknown as BodyInit),
    headers: { Origin: BASE, "Content-Type": contentType },
  });
}
