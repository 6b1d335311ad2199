/**
 * HTTP caching of the public side: a published bulletin's page (`/bulletins/<n>`), as seen by a
 * visitor who is not signed in, carries `ETag`, `Last-Modified` and `Cache-Control: public`, and a
 * revalidation is answered 304 here, before Remix loads or renders anything (one cheap statement).
 * Signed-in visitors see their own navigation in the page, so their pages are not marked public.
 */
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { bulletinPageValidators, notModified } from "~/bulletin/page-validators.server";
import { getDb } from "~/db/db.server";
import type { AuthState } from "~/auth/session.server";

const BULLETIN_PAGE = /^\/bulletins\/([1-9]\d{0,3})\/?$/;
/** A minute in a shared cache, then it asks again (an erratum shows within a minute). */
export const PUBLIC_PAGE_CACHE_CONTROL = "public, max-age=60, must-revalidate";
/** Set before Remix answers; dropped again if the answer is not a 200 (remix-handler.server.ts). */
export const VALIDATOR_HEADERS = ["ETag", "Last-Modified", "Cache-Control", "Vary"] as const;

export function publicPageCache(getBuild: () => Promise<ServerBuild>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return next();
      const match = BULLETIN_PAGE.exec(req.path);
      const auth = res.locals.auth as AuthState | undefined;
      // A flash message is shown once to this browser: such a page is nobody else's.
      if (!match || auth?.user || auth?.setCookie || /(?:^|;\s*)pilot_flash=/.test(req.get("cookie") ?? "")) return next();
      const validators = await bulletinPageValidators(getDb(), Number(match[1]), (await getBuild()).assets.version);
      if (!validators) return next();
      res.setHeader("ETag", validators.etag);
      res.setHeader("Last-Modified", validators.lastModified.toUTCString());
      res.setHeader("Cache-Control", PUBLIC_PAGE_CACHE_CONTROL);
      // A signed-in visitor's page differs: caches keep the cookieless one apart.
      res.setHeader("Vary", "Cookie");
      res.locals.publicValidators = true;
      if (notModified({ ifNoneMatch: req.get("if-none-match"), ifModifiedSince: req.get("if-modified-since") }, validators)) {
        // No new Content-Security-Policy: a cache keeps the stored one, whose nonce matches the stored page.
        res.removeHeader("Content-Security-Policy");
        return res.status(304).end();
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
