import { randomBytes } from "node:crypto";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { authenticate } from "~/auth/session.server";
import { currentLocale } from "~/i18n/locale";
import { resolveLocale, runWithLocale } from "~/i18n/locale.server";
import type { RequestContext } from "./context";
import { publicPageCache } from "./public-cache.server";
import { createRemixHandler, tooLarge } from "./remix-handler.server";
import { serverStrings } from "./strings";

/** Bodies above this are refused before anyone reads them (the bulletin upload is the largest). */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function errorPage(res: Response, status: number, message: string) {
  res
    .status(status)
    .type("html")
    .send(`<!doctype html><html lang="${currentLocale()}"><meta charset="utf-8"><title>${status}</title><body><h1>${status}</h1><p>${message}</p><p><a href="/">${serverStrings.backHome}</a></p></body></html>`);
}

/** A Host header as RFC 9110 allows it: a name or IPv4 address, or a bracketed IPv6 one, and a port. */
const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** Origins allowed to send state-changing requests: APP_URL and ALLOWED_ORIGINS (scheme + host + port). */
export function configuredOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = [env.APP_URL ?? "", ...(env.ALLOWED_ORIGINS ?? "").split(",")].map((s) => s.trim()).filter(Boolean);
  // Older configurations listed bare hosts in ALLOWED_ORIGINS: read those as https.
  return listed.map((o) => originOf(/^https?:\/\//.test(o) ? o : `https://${o}`)).filter((o): o is string => o !== null);
}

/**
 * The public origin of a request: the scheme express derived (X-Forwarded-Proto when TRUST_PROXY)
 * and the Host (X-Forwarded-Host when TRUST_PROXY). A malformed host answers 400; with APP_URL /
 * ALLOWED_ORIGINS configured in production, a host outside them answers 400 too (no host-header
 * injection into links or redirects).
 */
function hostCheck(trustProxy: boolean, production: boolean) {
  const configured = configuredOrigins();
  const configuredHosts = new Set(configured.map((o) => new URL(o).host));
  return (req: Request, res: Response, next: NextFunction) => {
    const forwarded = trustProxy ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    const host = forwarded || req.get("host") || "";
    if (!HOST_PATTERN.test(host)) return errorPage(res, 400, serverStrings.badHost);
    const origin = originOf(`${req.protocol}://${host}`);
    if (!origin) return errorPage(res, 400, serverStrings.badHost);
    if (production && configuredHosts.size > 0 && !configuredHosts.has(new URL(origin).host)) return errorPage(res, 400, serverStrings.badHost);
    res.locals.origin = origin;
    next();
  };
}

/**
 * Cross-site request forgery guard for every state-changing request: the Origin (or, failing that,
 * the Referer) must be this request's own origin or a configured one — scheme, host and port all
 * compared. SameSite=Lax cookies already stop most of it; this stops the rest.
 */
function originCheck() {
  const configured = configuredOrigins();
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const header = req.get("origin") ?? req.get("referer");
    const origin = header ? originOf(header) : null;
    const allowed = new Set([res.locals.origin as string, ...configured]);
    if (!origin || !allowed.has(origin)) return errorPage(res, 403, serverStrings.crossOrigin);
    next();
  };
}

function sendTooLarge(res: Response) {
  errorPage(res, 413, serverStrings.bodyTooLarge(Math.round(MAX_BODY_BYTES / 1024 / 1024)));
}

/** Early refusal by Content-Length; bodies without one (chunked) are counted as they are read. */
function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return tooLarge(req, res, sendTooLarge, MAX_BODY_BYTES);
  next();
}

export type AppServerOptions = {
  mode: "production" | "development";
  /** Loads the Remix build for each request (dev: through Vite, so edits show up). */
  getBuild: () => Promise<ServerBuild>;
  /** Dev only: Vite's middleware for assets and HMR. */
  viteMiddleware?: express.RequestHandler;
  clientBuildDir?: string;
};

export function createApp(options: AppServerOptions) {
  const app = express();
  const trustProxy = process.env.TRUST_PROXY === "1";
  app.set("trust proxy", trustProxy);
  app.disable("x-powered-by");

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  // The language of everything this request answers, until the signed-in user's own choice is
  // known (below): the locale cookie, else Accept-Language, else zh-CN.
  app.use((req, _res, next) => {
    runWithLocale(resolveLocale({ cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") }), next);
  });
  app.use(
    helmet({
      // Remix's inline scripts carry the per-response nonce; no 'unsafe-inline' for scripts.
      // Vite's dev server injects its own inline scripts, so the policy is enforced in production.
      contentSecurityPolicy:
        options.mode === "production"
          ? {
              directives: {
                defaultSrc: ["'self'"],
                scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
                styleSrc: ["'self'", "'unsafe-inline'"],
                imgSrc: ["'self'", "data:"],
                connectSrc: ["'self'"],
                frameAncestors: ["'none'"],
                formAction: ["'self'"],
                objectSrc: ["'none'"],
                baseUri: ["'self'"],
                upgradeInsecureRequests: null,
              },
            }
          : false,
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: options.mode === "production" && process.env.HSTS === "1",
    }),
  );
  app.use(compression());

  if (options.viteMiddleware) {
    app.use(options.viteMiddleware);
  } else if (options.clientBuildDir) {
    app.use("/assets", express.static(path.join(options.clientBuildDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(options.clientBuildDir, { maxAge: "1h" }));
  }

  // A page that touches no database: the floor the benchmark compares routes against.
  app.get("/healthz", (_req, res) => {
    res.type("text").send("ok");
  });

  app.use(hostCheck(trustProxy, options.mode === "production"));
  app.use(bodyLimit);
  app.use(originCheck());

  app.all(
    "*",
    async (req, res, next) => {
      try {
        const auth = await authenticate(req.get("cookie") ?? null);
        if (auth.setCookie) res.append("Set-Cookie", auth.setCookie);
        res.locals.auth = auth;
        // The signed-in user's choice (users.locale) wins over the cookie and the browser's.
        const locale = resolveLocale({ userLocale: auth.user?.locale, cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") });
        runWithLocale(locale, next);
      } catch (error) {
        next(error);
      }
    },
    publicPageCache(options.getBuild),
    createRemixHandler({
      mode: options.mode,
      build: options.getBuild,
      maxBodyBytes: MAX_BODY_BYTES,
      origin: (_req, res) => res.locals.origin as string,
      tooLarge: sendTooLarge,
      getLoadContext: (req, res): RequestContext => ({
        auth: res.locals.auth,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        userAgent: req.get("user-agent") ?? "",
        cspNonce: res.locals.cspNonce,
      }),
    }),
  );

  // Errors outside Remix (say, the database is down while authenticating): no stack trace out.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error(error);
    if (!res.headersSent) errorPage(res, 500, serverStrings.internalError);
  });
  return app;
}
