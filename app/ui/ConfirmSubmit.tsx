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
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const flag = useRef<HTMLInputElement>(null);
  return (
    <>
      <input type="hidden" name={CONFIRM_FIELD} defaultValue="" ref={flag} />
      <button
        type="submit"
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
              form?.requestSubmit();
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
export function ConfirmStep(props: { message: string; confirmLabel: string; fields: Record<string, string>; cancelHref: string; children?: ReactNode }) {
  return (
    <section className="confirm-step" role="alertdialog" aria-labelledby="confirm-step-title" aria-describedby="confirm-step-message" data-testid="confirm-step">
      <h2 id="confirm-step-title">{t.confirmTitle}</h2>
      <p id="confirm-step-message">{props.message}</p>
      {props.children}
      <Form method="post" className="actions">
        {Object.entries(props.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
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
