import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { replaceFrameworkErrorText } from "~/server/framework-errors.server";
import { stripNulBytes } from "~/server/strip-nul.server";
import { NonceContext } from "~/ui/nonce";

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

/**
 * Renders the document. Every inline script Remix emits carries the CSP nonce of this response,
 * so the Content-Security-Policy needs no 'unsafe-inline' for scripts.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = stripNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Logs unexpected server errors; aborted requests are not errors. */
export function handleError(error: unknown, { request }: { request: Request }) {
  replaceFrameworkErrorText(error);
  if (request.signal.aborted) return;
  // A 4xx (not found, forbidden, a bad parameter) is an answer, not a fault.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
