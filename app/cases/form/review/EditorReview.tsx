/**
 * The review conversation inside the editor: the reviewer's banner and the general comments at the
 * top, and each section's and item's open comments beside it, with reply and resolve right there.
 *
 * The editor is one big <form>, and forms cannot nest: a thread's reply box and buttons belong to
 * the editor's form. Without JavaScript they post the whole form (intent=reply:<id>), and the
 * server adds the reply and re-renders the editor with the values as typed (nothing is lost, nothing
 * saved). With JavaScript a fetcher posts only the reply, and the editor's data is reloaded.
 */
import { useFetcher } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import type { AnchorGroup } from "~/review/anchors";
import { CommentThread } from "~/review/CommentThread";
import { ReviewBanner, type ReturnedFor } from "~/review/ReviewBanner";
import { reviewStrings as rt } from "~/review/strings";
import type { CommentItem } from "~/review/threads";
import { formStrings as t } from "~/cases/form-strings";
import type { EditorReply } from "../reply";

export type EditorReviewData = { groups: AnchorGroup<CommentItem>[]; openCount: number; returned: ReturnedFor | null; canWrite: boolean };

type Ctx = { review: EditorReviewData; actionUrl: string };
const ReviewContext = createContext<Ctx | null>(null);
export const EditorReviewProvider = ReviewContext.Provider;

function ThreadActions({ root, actionUrl }: { root: CommentItem; actionUrl: string }) {
  const fetcher = useFetcher<EditorReply>({ key: `editor-comment-${root.id}` });
  const box = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const busy = fetcher.state !== "idle";
  const name = `reply-${root.id}`;
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const ok = fetcher.data.kind === "commented";
    setNote({ ok, text: "message" in fetcher.data ? fetcher.data.message : t.offline });
    if (ok && box.current) box.current.value = "";
  }, [fetcher.state, fetcher.data]);
  const send = (intent: string) => (event: React.MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    const fd = new FormData();
    fd.set("intent", intent);
    fd.set("js", "1");
    if (intent.startsWith("reply:")) fd.set(name, box.current?.value ?? "");
    fetcher.submit(fd, { method: "post", action: actionUrl });
  };
  const resolveIntent = `${root.resolvedAt ? "reopen" : "resolve"}:${root.id}`;
  return (
    <div className="comment-thread__actions">
      <label htmlFor={`f-${name}`}>{rt.replyLabel}</label>
      <textarea id={`f-${name}`} name={name} rows={2} maxLength={2000} ref={box} />
      <div className="actions">
        <button type="submit" name="intent" value={`reply:${root.id}`} className="button small" formNoValidate disabled={busy} onClick={send(`reply:${root.id}`)}>
          {rt.sendReply}
        </button>
        <button type="submit" name="intent" value={resolveIntent} className="link-button" formNoValidate disabled={busy} onClick={send(resolveIntent)}>
          {root.resolvedAt ? rt.reopen : rt.resolve}
        </button>
      </div>
      {note ? (
        <p className={note.ok ? "notice small" : "field-error"} role={note.ok ? "status" : "alert"}>
          {note.text}
        </p>
      ) : null}
    </div>
  );
}

function Threads({ group, ctx }: { group: AnchorGroup<CommentItem>; ctx: Ctx }) {
  const open = group.threads.filter((th) => th.root.status !== "resolved");
  const resolved = group.threads.length - open.length;
  return (
    <>
      {open.map(({ root, replies }) => (
        <CommentThread key={root.id} root={root} replies={replies} actions={ctx.review.canWrite ? <ThreadActions root={root} actionUrl={ctx.actionUrl} /> : null} />
      ))}
      {resolved ? <p className="muted small">{t.resolvedHere(resolved)}</p> : null}
    </>
  );
}

/** The open comments on one section or item ("intro", "practices.items.1"…), beside it in the form. */
export function SectionComments({ anchor }: { anchor: string | null }) {
  const ctx = useContext(ReviewContext);
  if (!ctx || anchor === null) return null;
  const group = ctx.review.groups.find((g) => g.anchor === anchor);
  if (!group) return null;
  return (
    <aside className="editor-comments" aria-label={t.commentsOn(group.label)} data-anchor={anchor} data-testid="editor-comments">
      <h3 className="editor-comments__title">{t.commentsOn(group.label)}</h3>
      <Threads group={group} ctx={ctx} />
    </aside>
  );
}

/** The top of the editor: the reviewer's reason, and the general comments. */
export function ReviewSummary() {
  const ctx = useContext(ReviewContext);
  if (!ctx) return null;
  const general = ctx.review.groups.find((g) => g.anchor === "general");
  return (
    <>
      {ctx.review.returned ? <ReviewBanner returned={ctx.review.returned} openCount={ctx.review.openCount} /> : null}
      {general ? (
        <aside className="editor-comments editor-comments--general" aria-label={general.label} data-anchor="general" data-testid="editor-comments">
          <h2 className="editor-comments__title">{general.label}</h2>
          <Threads group={general} ctx={ctx} />
        </aside>
      ) : null}
    </>
  );
}

/**
 * Items keep their comments when moved in the browser before saving: the comments belong to the
 * item's position when the page was loaded, remembered by react-hook-form's field id.
 */
export function useOriginalIndex(fields: readonly { id: string }[]) {
  const origin = useRef<Map<string, number> | null>(null);
  if (!origin.current || !fields.some((f) => origin.current!.has(f.id))) origin.current = new Map(fields.map((f, i) => [f.id, i]));
  return (id: string) => origin.current!.get(id) ?? null;
}
