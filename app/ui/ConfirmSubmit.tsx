/**
 * Confirmation before an irreversible step, as a page dialog that also works without JavaScript.
 *
 * The button submits its form with `confirmed` empty. With JavaScript it opens a <dialog> instead,
 * and the dialog's confirm button submits the same form with `confirmed=1`. Without JavaScript the
 * server answers the unconfirmed post with a confirmation step (`ConfirmStep`) rendered in the
 * page, whose form repeats the fields with `confirmed=1`. The server never acts on an unconfirmed
 * post (see `isConfirmed`).
 */
import { Form, Link } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { uiStrings as t } from "./strings";

export const CONFIRM_FIELD = "confirmed";

export function ConfirmSubmit(props: {
  label: string;
  /** What will happen, in a sentence. */
  message: string;
  confirmLabel: string;
  className?: string;
  disabled?: boolean;
  /** The button's own name/value, posted both ways (a form with several submit buttons). */
  name?: string;
  value?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const flag = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <input type="hidden" name={CONFIRM_FIELD} defaultValue="" ref={flag} />
      <button
        type="submit"
        ref={trigger}
        name={props.name}
        value={props.value}
        className={props.className ?? "button"}
        disabled={props.disabled}
        onClick={(event) => {
          const d = dialog.current;
          if (!d || typeof d.showModal !== "function") return; // no dialog support: the server asks
          event.preventDefault();
          d.showModal();
        }}
      >
        {props.label}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-label={props.confirmLabel}>
        <p>{props.message}</p>
        <div className="actions">
          <button
            type="button"
            className="button primary"
            autoFocus
            onClick={(event) => {
              const form = (event.currentTarget as HTMLButtonElement).form;
              if (flag.current) flag.current.value = "1";
              dialog.current?.close();
              // the trigger as submitter: its name/value go with the post
              form?.requestSubmit(trigger.current ?? undefined);
              if (flag.current) flag.current.value = "";
            }}
          >
            {props.confirmLabel}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t.cancel}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** The server-rendered confirmation step (no JavaScript): the same fields again, confirmed. */
export function ConfirmStep(props: {
  message: string;
  confirmLabel: string;
  /** The fields of the original post (a list when a name repeats, e.g. the cases checked in a queue). */
  fields: Record<string, string> | readonly [string, string][];
  cancelHref: string;
  children?: ReactNode;
}) {
  const entries = Array.isArray(props.fields) ? props.fields : Object.entries(props.fields);
  return (
    <section className="confirm-step" role="alertdialog" aria-labelledby="confirm-step-title" aria-describedby="confirm-step-message" data-testid="confirm-step">
      <h2 id="confirm-step-title">{t.confirmTitle}</h2>
      <p id="confirm-step-message">{props.message}</p>
      {props.children}
      <Form method="post" className="actions">
        {entries.map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name={CONFIRM_FIELD} value="1" />
        <button type="submit" className="button primary" autoFocus>
          {props.confirmLabel}
        </button>
        <Link to={props.cancelHref} className="button">
          {t.cancel}
        </Link>
      </Form>
    </section>
  );
}

/** Did the post come from a confirmation (dialog or confirmation step)? */
export function isConfirmed(formData: FormData): boolean {
  return formData.get(CONFIRM_FIELD) === "1";
}
