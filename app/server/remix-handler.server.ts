/**
 * The Remix request handler, as @remix-run/express's, with one difference: the request body reaches
 * Remix through a counter that stops reading at `maxBodyBytes`, whatever `Content-Length` says or
 * whether the body is chunked. A body over the limit is answered 413 in Chinese and the connection
 * closed, so no more than the limit is ever read or buffered (issue #13: a chunked 500 MB POST grew
 * the server by 1.2 GB while the check only read `Content-Length`).
 */
import { Transform, type TransformCallback } from "node:stream";
import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import { VALIDATOR_HEADERS } from "./public-cache.server";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Passes bytes through until `limit`, then fails the stream (and stops pulling from the socket). */
export class BodyLimiter extends Transform {
  bytes = 0;
  exceeded = false;
  constructor(readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      this.exceeded = true;
      callback(new BodyTooLargeError(this.limit));
      return;
    }
    callback(null, chunk);
  }
}

export type RemixHandlerOptions = {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  maxBodyBytes: number;
  /** The public origin of this request (already validated by the host check). */
  origin: (req: ExpressRequest, res: ExpressResponse) => string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => unknown;
  /** Answers a body over the limit (a Chinese 413 page). */
  tooLarge: (res: ExpressResponse) => void;
};

export function createRemixHandler(options: RemixHandlerOptions) {
  const handleRequest = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const controller = new AbortController();
      let done = false;
      res.on("finish", () => (done = true));
      res.on("close", () => {
        if (!done) controller.abort();
      });
      let limiter: BodyLimiter | null = null;
      const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: headersOf(req), signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") {
        limiter = new BodyLimiter(options.maxBodyBytes);
        req.pipe(limiter);
        limiter.on("error", () => req.unpipe(limiter!));
        init.body = createReadableStreamFromReadable(limiter);
        init.duplex = "half";
      }
      const request = new Request(`${options.origin(req, res)}${req.originalUrl}`, init);
      const response = await handleRequest(request, options.getLoadContext(req, res) as never);
      if (limiter?.exceeded) {
        await response.body?.cancel().catch(() => {});
        return tooLarge(req, res, options.tooLarge, options.maxBodyBytes);
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

function headersOf(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

async function sendRemixResponse(res: ExpressResponse, response: globalThis.Response) {
  // Validators set before Remix (public-cache.server.ts) describe the page, not an error or a redirect.
  if (res.locals.publicValidators && response.status !== 200) for (const name of VALIDATOR_HEADERS) res.removeHeader(name);
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * 413, then the connection goes: whatever else arrives is discarded unread (no buffering) until
 * the client has had a moment to read the answer, or sent as much again as the limit.
 * (`Connection: close` would make Node reset the socket the moment the answer is written, and a
 * client still sending would see a broken pipe instead of the 413.)
 */
export function tooLarge(req: ExpressRequest, res: ExpressResponse, send: (res: ExpressResponse) => void, limit = 0) {
  req.unpipe();
  res.on("finish", () => {
    let discarded = 0;
    const end = () => req.socket.destroy();
    const timer = setTimeout(end, 2000);
    timer.unref();
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (limit && discarded > limit) end();
    });
    req.resume();
  });
  send(res);
}
