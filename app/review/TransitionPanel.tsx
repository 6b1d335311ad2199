/**
 * The workflow buttons of the case page: plain forms (method=post), so they work without
 * JavaScript. Irreversible steps (the table's `irreversible`) ask for confirmation first.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { ConfirmStep, ConfirmSubmit } from "~/ui/ConfirmSubmit";
import { reviewStrings as t } from "./strings";

export type ActionButton = { action: string; label: string; requiresReason: boolean; requiresAssignee: boolean; irreversible: boolean };
export type TransitionError = { action: string; error: string; reason: string; currentStateLabel: string | null };
/** An unconfirmed irreversible step posted without JavaScript: the page asks. */
export type PendingConfirmation = { action: string; label: string; reason: string; message: string };

function TransitionHidden({ action, version, state, claimedBy }: { action: string; version: number; state: string; claimedBy: string | null }) {
  return (
    <>
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="expectedState" value={state} />
      <input type="hidden" name="expectedClaim" value={claimedBy ?? "none"} />
    </>
  );
}

function SubmitButton({ a, title, busy, className }: { a: ActionButton; title: string; busy: boolean; className: string }) {
  if (!a.irreversible) {
    return (
      <button type="submit" className={className} disabled={busy}>
        {a.requiresReason ? t.confirm(a.label) : a.label}
      </button>
    );
  }
  return (
    <ConfirmSubmit
      label={a.requiresReason ? t.confirm(a.label) : a.label}
      message={t.confirmMessage(a.action, title)}
      confirmLabel={t.confirm(a.label)}
      className={className}
      disabled={busy}
    />
  );
}

export function TransitionPanel(props: {
  caseId: string;
  title: string;
  version: number;
  state: string;
  claimedBy: string | null;
  actions: ActionButton[];
  reviewers: { id: string; displayName: string }[];
  editHref: string | null;
  diffHref: string | null;
  error: TransitionError | null;
  pending: PendingConfirmation | null;
}) {
  const { actions, error, pending } = props;
  const busy = useNavigation().state === "submitting";
  const errorFormShown = error ? actions.some((a) => a.action === error.action && (a.requiresReason || a.requiresAssignee)) : false;
  if (!actions.length && !props.editHref && !props.diffHref && !error) return null;
  const hidden = { intent: "transition", expectedVersion: String(props.version), expectedState: props.state, expectedClaim: props.claimedBy ?? "none" };
  return (
    <section className="review-actions no-print" aria-labelledby="review-actions-title">
      <h2 id="review-actions-title">{t.actionsTitle}</h2>
      {pending ? (
        <ConfirmStep
          message={pending.message}
          confirmLabel={t.confirm(pending.label)}
          fields={{ ...hidden, action: pending.action, ...(pending.reason ? { reason: pending.reason } : {}) }}
          cancelHref={`/cases/${props.caseId}`}
        >
          {pending.reason ? <p className="kept-reason">{t.confirmReason(pending.reason)}</p> : null}
        </ConfirmStep>
      ) : null}
      {error ? (
        <div className="form-error" role="alert" data-testid="transition-error">
          <p>{error.error}</p>
          {error.reason && !errorFormShown ? (
            <label className="kept-reason">
              {t.keptReason}
              <textarea readOnly defaultValue={error.reason} rows={3} />
            </label>
          ) : null}
        </div>
      ) : null}
      <div className="review-actions__buttons">
        {props.editHref ? (
          <Link to={props.editHref} className="button primary">
            {t.edit}
          </Link>
        ) : null}
        {actions
          .filter((a) => !a.requiresReason && !a.requiresAssignee)
          .map((a) => (
            <Form method="post" key={a.action}>
              <TransitionHidden action={a.action} version={props.version} state={props.state} claimedBy={props.claimedBy} />
              <SubmitButton a={a} title={props.title} busy={busy} className={`button${a.action === "approve" || a.action === "claim" ? " primary" : ""}`} />
            </Form>
          ))}
        {props.diffHref ? (
          <Link to={props.diffHref} className="button">
            {t.diffLinkLatest}
          </Link>
        ) : null}
      </div>
      {actions
        .filter((a) => a.requiresReason || a.requiresAssignee)
        .map((a) => {
          const mine = error?.action === a.action ? error : null;
          const fieldId = `reason-${a.action}`;
          return (
            // Remount only when this form's refusal arrives (to show the kept reason); any other
            // navigation must not wipe a reason being typed.
            <details key={`${a.action}-${mine ? "refused" : "fresh"}`} className="review-actions__form" open={Boolean(mine)}>
              <summary>{a.label}</summary>
              <Form method="post" className="stack">
                <TransitionHidden action={a.action} version={props.version} state={props.state} claimedBy={props.claimedBy} />
                {a.requiresAssignee ? (
                  props.reviewers.length ? (
                    <div className="field">
                      <label htmlFor={`assignee-${a.action}`}>{t.assigneeLabel}</label>
                      <select id={`assignee-${a.action}`} name="assignee" required defaultValue="">
                        <option value="" disabled>
                          {t.assigneeChoose}
                        </option>
                        {props.reviewers.map((r) => (
                          <option key={r.id} value={r.id}>
                            {r.displayName}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : (
                    <p className="muted">{t.assigneeNone}</p>
                  )
                ) : null}
                {a.requiresReason ? (
                  <div className={`field${mine ? " field-invalid" : ""}`}>
                    <label htmlFor={fieldId}>{t.reasonLabel(a.label)}</label>
                    <textarea id={fieldId} name="reason" rows={4} maxLength={2000} defaultValue={mine?.reason ?? ""} aria-describedby={`${fieldId}-hint`} />
                    <p className="field-hint" id={`${fieldId}-hint`}>
                      {t.reasonHint}
                    </p>
                  </div>
                ) : null}
                {a.requiresAssignee && !a.requiresReason ? (
                  <button type="submit" className="button primary" disabled={busy || !props.reviewers.length}>
                    {t.confirm(a.label)}
                  </button>
                ) : (
                  <SubmitButton a={a} title={props.title} busy={busy} className="button primary" />
                )}
              </Form>
            </details>
          );
        })}
    </section>
  );
}
