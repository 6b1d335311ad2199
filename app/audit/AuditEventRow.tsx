import { Link } from "@remix-run/react";
import type { AuditSentence } from "./sentence";
import { auditWords as w } from "./strings";

/** One event: the sentence, the field-by-field changes, and (when asked for) the raw JSON. */
export function AuditEventItem(props: { id: number; at: string; ip: string | null; sentence: AuditSentence; raw: { actorName: string; action: string; entityType: string; entityId: string | null; before: string | null; after: string | null } | null }) {
  const { sentence: s } = props;
  return (
    <li className="audit-event">
      <p className="audit-sentence">
        <time dateTime={props.at}>{props.at}</time> <strong>{s.actor}</strong> {s.verb}
        {s.object ? s.object.href ? <Link to={s.object.href}>{s.object.label}</Link> : <span>{s.object.label}</span> : null}
        {s.suffix}
      </p>
      {s.changes.length ? (
        <dl className="audit-changes">
          {s.changes.map((c) => (
            <div key={c.field}>
              <dt>{c.label}</dt>
              <dd>
                {c.parts ? (
                  c.parts.map((p, i) =>
                    p.type === "added" ? <ins key={i}>{p.text}</ins> : p.type === "removed" ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>,
                  )
                ) : c.before !== null && c.after !== null ? (
                  <>
                    <del aria-label={w.before}>{c.before}</del> → <ins aria-label={w.after}>{c.after}</ins>
                  </>
                ) : c.after !== null ? (
                  <ins>{c.after}</ins>
                ) : (
                  <del>{c.before}</del>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {props.raw ? (
        <details className="audit-raw">
          <summary>{w.technical}</summary>
          <pre className="json">
            {`#${props.id}  ${props.raw.actorName}  ${props.raw.action}  ${props.raw.entityType} ${props.raw.entityId ?? ""}  IP ${props.ip ?? ""}\n`}
            {props.raw.before ? `before: ${props.raw.before}\n` : ""}
            {props.raw.after ? `after: ${props.raw.after}` : ""}
          </pre>
        </details>
      ) : null}
    </li>
  );
}
