/**
 * Browser side of the editor routes' posts.
 *
 * `editorClientAction` wraps the server action so that a save whose request never reaches the
 * server (offline, a proxy's error page) or that is refused with a thrown 403/404 answers the
 * editor with a reply instead of replacing the page by the error boundary: the form, and the words
 * in it, stay where they are. Such replies are answered as a Response with an error status, so the
 * router does not reload the page's data afterwards (which would fail offline, and put the error
 * page up after all). Redirects (after submit, after creating without JavaScript) pass through.
 */
import { isRouteErrorResponse, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { formStrings as t } from "~/cases/form-strings";
import type { EditorReply } from "./reply";

const answer = (reply: EditorReply, status: number) =>
  new Response(JSON.stringify(reply), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });

export async function editorClientAction({ serverAction }: ClientActionFunctionArgs) {
  try {
    return (await serverAction()) as EditorReply;
  } catch (error) {
    if (error instanceof Response) throw error;
    if (isRouteErrorResponse(error)) {
      const detail = error.data && typeof error.data === "object" && "message" in error.data ? String(error.data.message) : null;
      if (error.status === 413) return answer({ kind: "error", status: 413, message: t.tooLargeLocal }, 413);
      return answer({ kind: "error", status: error.status, message: detail ?? t.offline }, error.status);
    }
    return answer({ kind: "offline", message: t.offline }, 503);
  }
}

/**
 * The editor keeps its own state after its posts: reloading the page's data would only cost time.
 * Except after a reply or a resolved thread: the review comments beside the form come from there.
 */
export const editorShouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formAction, formData, currentUrl, defaultShouldRevalidate }) => {
  const intent = formData?.get("intent");
  if (typeof intent === "string" && (/^(reply|resolve|reopen):/.test(intent) || intent === "attach-call")) return true;
  if (formMethod?.toUpperCase() === "POST" && formAction === currentUrl.pathname) return false;
  return defaultShouldRevalidate;
};
