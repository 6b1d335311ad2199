import { Form, Link } from "@remix-run/react";
import { formatDateTime } from "~/ui/format";
import { callStrings as t } from "./strings";

type Call = { id: number; title: string; deadline: string | Date };

/** Beside the editor: the call the case answers (with its deadline), or a choice of the open calls its region is invited to. */
export function EditorCallPanel({ current, open }: { current: Call | null; open: Call[] }) {
  if (!current && open.length === 0) return null;
  return (
    <section className="panel editor-call" aria-labelledby="editor-call-title" data-testid="editor-call">
      <h2 id="editor-call-title">{t.editorCall}</h2>
      {current ? (
        <p>
          {t.editorCallCurrent(current.title, formatDateTime(current.deadline))} <Link to={`/calls/${current.id}`}>{t.listTitle}</Link>
        </p>
      ) : null}
      {open.length ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="attach-call" />
          <label htmlFor="editor-call-select">{t.editorCall}</label>
          <select id="editor-call-select" name="callId" required defaultValue="">
            <option value="" disabled>
              {t.editorCallNone}
            </option>
            {open.map((c) => (
              <option key={c.id} value={c.id}>
                {t.editorCallOption(c.title, formatDateTime(c.deadline))}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t.editorCallAttach}
          </button>
        </Form>
      ) : null}
      <p className="muted small">{t.editorCallHint}</p>
    </section>
  );
}
