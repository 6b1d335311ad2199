/**
 * One-time messages that survive a redirect (epic-stack's `redirectWithToast` idea): an action
 * that redirects puts the message in a short-lived cookie; the root loader reads it, hands it to
 * the page once and clears the cookie in the same response, so the next page no longer shows it.
 *
 * Why a small module and not remix-toast: remix-toast's Remix v2 line (1.x) is no longer
 * maintained (2.x and later need React Router 7) and would bring a second zod. Remix's own
 * createCookie does the cookie part.
 *
 * The cookie is not signed (the app has no secret to sign with, by design: sessions are random ids
 * in the database). That is safe here: it holds only a message for the person's own browser,
 * rendered as plain text; someone who could plant cookies in that browser could do worse things.
 * The value is validated on the way in, and anything unexpected is dropped.
 *
 * Only redirects carry a flash. An action that answers with data (a validation error, a fetcher
 * reply) says what happened in its own data: a cookie set there would surface on the *next* page.
 */
import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";

export type FlashKind = "success" | "error" | "info";
export type Flash = { id: string; kind: FlashKind; message: string };

const FLASH_MAX = 500;

const flashCookie = createCookie("pilot_flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1",
  // Long enough to survive the redirect, short enough never to greet the next visit.
  maxAge: 60,
});

const flashSchema = z.object({
  id: z.string().regex(/^[a-z0-9]{1,16}$/),
  kind: z.enum(["success", "error", "info"]),
  message: z.string().min(1).max(FLASH_MAX),
});

/** The Set-Cookie value that carries `message` to the next page. */
export async function flashCookieHeader(message: string, kind: FlashKind = "success"): Promise<string> {
  const chars = [...message];
  const value: Flash = {
    id: Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
    kind,
    message: chars.length > FLASH_MAX ? `${chars.slice(0, FLASH_MAX - 1).join("")}…` : message,
  };
  return flashCookie.serialize(value);
}

/** A redirect whose target page shows `message` once. Throw or return it from an action. */
export async function redirectWithFlash(url: string, message: string, kind: FlashKind = "success", init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookieHeader(message, kind));
  return redirect(url, { ...init, headers });
}

/**
 * For the root loader: the message waiting for this request (or null) and, when there was a
 * cookie, the header that clears it.
 */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers | undefined }> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("pilot_flash=")) return { flash: null, headers: undefined };
  let raw: unknown = null;
  try {
    raw = await flashCookie.parse(header);
  } catch {
    raw = null;
  }
  const parsed = flashSchema.safeParse(raw);
  const headers = new Headers({ "Set-Cookie": await flashCookie.serialize("", { maxAge: 0 }) });
  return { flash: parsed.success ? parsed.data : null, headers };
}
