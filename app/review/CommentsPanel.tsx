/**
 * The review side panel of the case page: the threads by section (plain forms to reply and
 * resolve, so everything works without JavaScript) and the form for a new comment, which takes a
 * passage selected in the text (PassagePicker) or a quote pasted by hand.
 */
import { Form, useLocation, useNavigation } from "@remix-run/react";
import { FieldError } from "~/ui/components";
import type { AnchorGroup } from "./anchors";
import { CommentThread } from "./CommentThread";
import type { PickedPassage } from "./PassagePicker";
import { reviewStrings as t } from "./strings";
import type { CommentItem } from "./threads";

export type CommentFormState = {
  /** null: the new-comment form; a number: the reply form of that thread. */
  parentId: number | null;
  errors: Record<string, string>;
  values: { anchor: string; body: string; quote?: string };
} | null;

function PageThreadActions({ root, reply, busy }: { root: CommentItem; reply: CommentFormState; busy: boolean }) {
  const location = useLocation();
  return (
    <div className="comment-thread__actions">
      <Form method="post">
        <input type="hidden" name="intent" value={root.resolvedAt ? "reopen-comment" : "resolve-comment"} />
        <input type="hidden" name="commentId" value={root.id} />
        <button type="submit" className="link-button" disabled={busy}>
          {root.resolvedAt ? t.reopen : t.resolve}
        </button>
      </Form>
      <details key={`reply-${root.id}-${location.key}`} open={Boolean(reply)}>
        <summary>{t.reply}</summary>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="parentId" value={root.id} />
          <div className={`field${reply?.errors.body ? " field-invalid" : ""}`}>
            <label htmlFor={`reply-body-${root.id}`}>{t.replyLabel}</label>
            <textarea
              id={`reply-body-${root.id}`}
              name="body"
              rows={3}
              maxLength={2000}
              defaultValue={reply?.values.body ?? ""}
              aria-invalid={reply?.errors.body ? true : undefined}
              aria-describedby={reply?.errors.body ? `reply-body-${root.id}-error` : undefined}
            />
            <FieldError message={reply?.errors.body ?? reply?.errors.form} id={`reply-body-${root.id}-error`} />
          </div>
          <button type="submit" className="button small" disabled={busy}>
            {t.sendReply}
          </button>
        </Form>
      </details>
    </div>
  );
}

function NewCommentForm(props: { anchorOptions: { value: string; label: string }[]; state: CommentFormState; picked: PickedPassage | null; onClearPick: () => void; busy: boolean }) {
  const location = useLocation();
  const form = props.state && props.state.parentId === null ? props.state : null;
  const picked = props.picked;
  return (
    <Form method="post" className="stack comment-new" key={`new-${location.key}-${picked?.key ?? ""}`} aria-labelledby="comment-new-title" id="comment-new">
      <h3 id="comment-new-title">{t.newComment}</h3>
      <input type="hidden" name="intent" value="comment" />
      {form?.errors.form ? (
        <div className="form-error" role="alert">
          {form.errors.form}
        </div>
      ) : null}
      <div className={`field${form?.errors.anchor ? " field-invalid" : ""}`}>
        <label htmlFor="comment-anchor">{t.anchorLabel}</label>
        <select id="comment-anchor" name="anchor" defaultValue={picked?.anchor ?? form?.values.anchor ?? "general"}>
          {props.anchorOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <FieldError message={form?.errors.anchor} />
      </div>
      <div className={`field${form?.errors.quote ? " field-invalid" : ""}`}>
        <label htmlFor="comment-quote">{t.quoteLabel}</label>
        <textarea
          id="comment-quote"
          name="quote"
          rows={2}
          maxLength={500}
          defaultValue={picked?.quote ?? form?.values.quote ?? ""}
          aria-describedby="comment-quote-hint"
          aria-invalid={form?.errors.quote ? true : undefined}
        />
        <p className="field-hint" id="comment-quote-hint">
          {t.quoteHint}
        </p>
        <FieldError message={form?.errors.quote} />
        {picked ? (
          <>
            <input type="hidden" name="field" value={picked.field} />
            <input type="hidden" name="start" value={picked.start} />
            <input type="hidden" name="end" value={picked.end} />
            <button type="button" className="link-button small" onClick={props.onClearPick}>
              {t.clearPick}
            </button>
          </>
        ) : null}
      </div>
      <div className={`field${form?.errors.body ? " field-invalid" : ""}`}>
        <label htmlFor="comment-body">{t.bodyLabel}</label>
        <textarea
          id="comment-body"
          name="body"
          rows={4}
          maxLength={2000}
          defaultValue={form?.values.body ?? ""}
          autoFocus={Boolean(picked)}
          aria-invalid={form?.errors.body ? true : undefined}
          aria-describedby={form?.errors.body ? "comment-body-error" : undefined}
        />
        <FieldError message={form?.errors.body} id="comment-body-error" />
      </div>
      <button type="submit" className="button primary" disabled={props.busy}>
        {t.newComment}
      </button>
    </Form>
  );
}

export function CommentsPanel(props: {
  groups: AnchorGroup<CommentItem>[];
  openCount: number;
  anchorOptions: { value: string; label: string }[];
  canWrite: boolean;
  formState: CommentFormState;
  threadError: { commentId: number; error: string } | null;
  picked: PickedPassage | null;
  onClearPick: () => void;
}) {
  const { groups, canWrite, formState } = props;
  const busy = useNavigation().state === "submitting";
  return (
    <section className="review-comments" aria-labelledby="review-comments-title">
      <h2 id="review-comments-title">
        {t.commentsTitle} {props.openCount ? <span className="badge">{t.openCount(props.openCount)}</span> : null}
      </h2>
      {canWrite ? <p className="muted small">{t.selectHint}</p> : null}
      {groups.length === 0 ? <p className="muted">{t.commentsEmpty}</p> : null}
      {groups.map((g) => (
        <section key={g.anchor} className="comment-group" data-anchor={g.anchor} aria-label={g.label}>
          <h3 className="comment-group__title">{g.label}</h3>
          {g.threads.map(({ root, replies }) => (
            <CommentThread
              key={root.id}
              root={root}
              replies={replies}
              error={props.threadError?.commentId === root.id ? props.threadError.error : null}
              actions={canWrite ? <PageThreadActions root={root} reply={formState && formState.parentId === root.id ? formState : null} busy={busy} /> : null}
            />
          ))}
        </section>
      ))}
      {canWrite ? <NewCommentForm anchorOptions={props.anchorOptions} state={formState} picked={props.picked} onClearPick={props.onClearPick} busy={busy} /> : null}
    </section>
  );
}
