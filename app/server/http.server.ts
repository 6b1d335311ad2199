import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { verifyRequestOrigin } from "lucia";
import { authenticate } from "~/auth/session.server";
import type { RequestContext } from "./context";
import { serverStrings } from "./strings";

/** Bodies above this are refused before anyone reads them (the bulletin upload is the largest). */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function errorPage(res: Response, status: number, message: string) {
  res
    .status(status)
    .type("html")
    .send(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${status}</title><body><h1>${status}</h1><p>${message}</p><p><a href="/">返回首页</a></p></body></html>`);
}

/**
 * Cross-site request forgery guard for every state-changing request: the Origin (or, failing that,
 * the Referer) must be this host. SameSite=Lax cookies already stop most of it; this stops the rest.
 */
function originCheck(trustProxy: boolean) {
  const extra = (process.env.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin") ?? (req.get("referer") ? new URL(req.get("referer")!).origin : null);
    const host = (trustProxy && req.get("x-forwarded-host")) || req.get("host");
    const allowed = [host, ...extra.map((o) => o.replace(/^https?:\/\//, ""))].filter((h): h is string => Boolean(h));
    if (!origin || !verifyRequestOrigin(origin, allowed)) return errorPage(res, 403, serverStrings.crossOrigin);
    next();
  };
}

function bodyLimit(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.set("Connection", "close");
    return errorPage(res, 413, serverStrings.bodyTooLarge(Math.round(MAX_BODY_BYTES / 1024 / 1024)));
  }
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

  app.use(bodyLimit);
  app.use(originCheck(trustProxy));

  app.all(
    "*",
    async (req, res, next) => {
      try {
        const auth = await authenticate(req.get("cookie") ?? null);
        if (auth.setCookie) res.append("Set-Cookie", auth.setCookie);
        res.locals.auth = auth;
        next();
      } catch (error) {
        next(error);
      }
    },
    createRequestHandler({
      mode: options.mode,
      build: options.getBuild,
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
