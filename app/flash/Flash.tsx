/**
 * The one-time message of the root loader (flash.server.ts), shown at the top of the page it was
 * meant for. A client-side navigation does not reload the root's data, so the message remembers
 * the location it arrived with and is gone on any other page — never beside a later error.
 */
import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useRef } from "react";
import type { Flash } from "./flash.server";

export function FlashMessage() {
  const flash = (useRouteLoaderData("root") as { flash?: Flash | null } | undefined)?.flash ?? null;
  const location = useLocation();
  const seen = useRef(new Map<string, string>());
  if (!flash) return null;
  if (!seen.current.has(flash.id)) seen.current.set(flash.id, location.key);
  if (seen.current.get(flash.id) !== location.key) return null;
  return (
    <div className={flash.kind === "error" ? "form-error flash" : "notice flash"} role={flash.kind === "error" ? "alert" : "status"} data-testid="flash">
      {flash.message}
    </div>
  );
}
