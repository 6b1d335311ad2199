/**
 * Replying to and resolving review comments from inside the editor (intent=reply:<id>,
 * resolve:<id>, reopen:<id>). Nothing of the case is saved: with JavaScript only the reply is
 * posted (a fetcher) and answered with a message; without JavaScript the whole form comes along
 * and is sent back as typed, so the submitter's unsaved edits survive the round trip.
 */
import { data, type AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/auth/session.server";
import { actorOf } from "~/permissions/require.server";
import { addComment, CommentError, setCommentResolved } from "~/review/comments.server";
import { reviewStrings as rt } from "~/review/strings";
import type { CaseRow } from "./cases.server";
import { FormDataError, formDataToValues } from "./form/form-data";
import type { EditorReply } from "./form/reply";

export type CommentIntent = { verb: "reply" | "resolve" | "reopen"; commentId: number };

export function parseCommentIntent(value: string): CommentIntent | null {
  const m = /^(reply|resolve|reopen):(\d{1,9})$/.exec(value);
  return m ? { verb: m[1] as CommentIntent["verb"], commentId: Number(m[2]) } : null;
}

/** The form as posted (no JavaScript), to re-render it unchanged; null when it cannot be read. */
function echo(formData: FormData) {
  try {
    const raw = formData.get("baseVersion");
    const baseVersion = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
    return { values: formDataToValues(formData), baseVersion };
  } catch (error) {
    if (error instanceof FormDataError) return null;
    throw error;
  }
}

export async function editorComment(input: { user: SessionUser; context: AppLoadContext; row: CaseRow; formData: FormData; intent: CommentIntent; js: boolean }) {
  const { user, context, row, formData, intent, js } = input;
  const kept = js ? null : echo(formData);
  const answer = (body: EditorReply, status = 200) => data<EditorReply>(kept ? ({ ...body, ...kept } as EditorReply) : body, { status });
  try {
    if (intent.verb === "reply") {
      const body = formData.get(`reply-${intent.commentId}`);
      await addComment(user, actorOf(context, user), { caseId: row.id, anchor: "general", body: typeof body === "string" ? body : "", parentId: intent.commentId });
      return answer({ kind: "commented", message: rt.flash.reply(row.title) });
    }
    await setCommentResolved(user, actorOf(context, user), { caseId: row.id, commentId: intent.commentId, resolved: intent.verb === "resolve" });
    return answer({ kind: "commented", message: intent.verb === "resolve" ? rt.flash.resolve : rt.flash.reopenComment });
  } catch (error) {
    if (!(error instanceof CommentError)) throw error;
    return answer({ kind: "error", status: error.status, message: error.message }, error.status);
  }
}
