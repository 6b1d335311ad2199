/** Presentational parts of the editor's form: the paste-to-fill box and the save bar. */
import { formStrings as t } from "~/cases/form-strings";
import { FormError } from "~/ui/components";
import { statusText, type Status } from "./status";

export function PasteBox({ open, pasteRef }: { open: boolean; pasteRef: React.RefObject<HTMLTextAreaElement> }) {
  return (
    <details className="case-form__paste" open={open}>
      <summary>{t.pasteTitle}</summary>
      <p className="field-hint">{t.pasteHint}</p>
      <label htmlFor="f-pasteText">{t.pasteLabel}</label>
      <textarea id="f-pasteText" name="pasteText" rows={8} ref={pasteRef} />
      <button type="submit" name="intent" value="paste" className="button" formNoValidate>
        {t.pasteButton}
      </button>
    </details>
  );
}

export function SaveBar({ status, formMessage, resubmit }: { status: Status; formMessage: string | null; resubmit: boolean }) {
  return (
    <div className="case-form__bar">
      <p className={`case-form__status status-${status.kind}`} role="status" aria-live="polite" data-testid="save-status">
        {statusText(status)}
      </p>
      <FormError message={status.kind === "error" && !formMessage ? status.message : null} />
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button">
          {t.saveDraft}
        </button>
        <button type="submit" name="intent" value="submit" className="button primary">
          {resubmit ? t.resubmit : t.submit}
        </button>
      </div>
    </div>
  );
}
