import { isRouteErrorResponse } from "@remix-run/react";
import { permissionStrings } from "~/permissions/strings";

/**
 * Remix answers some requests itself — a form posted to a page without an action (405), an address
 * no route matches (404) — with an "internal" error response whose text is English and names the
 * route module ("… did not provide an `action` for route "routes/bulletins._index" …"). Our error
 * page never shows that text, but Remix also streams it to the browser in the page's hydration data.
 *
 * Remix hands every such error to the entry's `handleError` before it serializes the page's state,
 * with the same object it then serializes, so replacing the text there keeps it out of the page.
 * Only framework-made (`internal`) error responses are touched; ours already carry Chinese text.
 */
export function replaceFrameworkErrorText(error: unknown) {
  if (!isRouteErrorResponse(error)) return;
  const response = error as typeof error & { internal?: boolean; error?: Error };
  if (response.internal !== true) return;
  response.data = messageFor(response.status);
  response.error = undefined;
}

function messageFor(status: number) {
  if (status === 404) return permissionStrings.notFound;
  if (status === 405) return permissionStrings.methodNotAllowed;
  return permissionStrings.error;
}
