import type { AuthState } from "~/auth/session.server";

/** What the HTTP server hands every loader and action (see app/server/http.server.ts). */
export type RequestContext = {
  auth: AuthState;
  clientIp: string;
  userAgent: string;
  /** Nonce of this response's Content-Security-Policy, for Remix's inline scripts. */
  cspNonce: string;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
