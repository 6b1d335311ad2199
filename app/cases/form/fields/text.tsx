/**
 * The text inputs of the case form and what they share: the editor context (errors, change
 * notification, focus), counters, inline errors, and the structure-operation button. Every input
 * is registered with react-hook-form AND rendered with its value as `defaultValue`, so the
 * server-rendered page (no JavaScript) shows and posts the same fields.
 */
import { createContext, useContext, type ReactNode } from "react";
import { useFormContext, useWatch, type FieldPath } from "react-hook-form";
import { CASE_LIMITS, countChars } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import type { FlatErrors } from "../draft-schema";
import { fieldId } from "../paths";
import { opValue, type CaseFormValues, type StructureOp } from "../values";

type P = FieldPath<CaseFormValues>;

export type EditorContextValue = {
  errors: FlatErrors;
  /** Called after a structure change made in the browser (autosave, local copy). */
  changed: () => void;
  /** Focus an element by id once React has rendered. */
  focusLater: (id: string) => void;
};

export const EditorContext = createContext<EditorContextValue>({ errors: {}, changed: () => {}, focusLater: () => {} });
export const useEditor = () => useContext(EditorContext);

/** The first error at `path` or at one of the extra paths. */
export function useError(...paths: string[]): string | undefined {
  const { errors } = useEditor();
  for (const p of paths) if (errors[p]) return errors[p];
  return undefined;
}

export function Counter({ name, max, id }: { name: string; max: number; id?: string }) {
  const value = useWatch({ name: name as P }) as unknown;
  const n = countChars(typeof value === "string" ? value.trim() : "");
  return (
    <span id={id} className={`case-form__counter${n > max ? " is-over" : ""}`}>
      {t.counter(n, max)}
    </span>
  );
}

export function ErrorText({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

/** A single-line or multi-line text field with label, counter, hint and inline error. */
export function TextField(props: {
  name: string;
  label: ReactNode;
  max: number;
  multiline?: boolean;
  hint?: string;
  number?: string;
  /** Read by screen readers before the number: where in the case the field is. */
  context?: string;
  errorPaths?: string[];
  rows?: number;
}) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  const error = useError(props.name, ...(props.errorPaths ?? []));
  const id = fieldId(props.name);
  const describedBy = [error ? `${id}-error` : null, props.hint ? `${id}-hint` : null, `${id}-count`].filter(Boolean).join(" ");
  const common = {
    id,
    ...register(props.name as P),
    defaultValue: (getValues(props.name as P) as string | undefined) ?? "",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    // the full name of the place in the case ("主要做法（二）标题"), where the visible label is short
    "aria-label": props.context || props.number ? `${props.context ?? ""}${props.number ?? ""}${typeof props.label === "string" ? props.label : ""}` : undefined,
  };
  return (
    <div className={`field case-form__field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {props.number ? <span className="case-form__number">{props.number}</span> : null}
        {props.label}
      </label>
      {props.multiline ? <textarea rows={props.rows ?? 4} {...common} /> : <input type="text" {...common} />}
      <div className="case-form__meta">
        {props.hint ? (
          <span className="field-hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        ) : (
          <span />
        )}
        <Counter name={props.name} max={props.max} id={`${id}-count`} />
      </div>
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

/** A paragraph of rich text: the textarea, and the hidden bold marks it was loaded with. */
export function RichTextField(props: { name: string; label: ReactNode; hint?: string; number?: string; context?: string; rows?: number }) {
  const { register, getValues } = useFormContext<CaseFormValues>();
  return (
    <>
      <TextField
        name={`${props.name}.text`}
        label={props.label}
        max={CASE_LIMITS.paragraphMax}
        multiline
        hint={props.hint}
        number={props.number}
        context={props.context}
        rows={props.rows}
        errorPaths={[props.name, `${props.name}.marks`]}
      />
      <input type="hidden" {...register(`${props.name}.marks` as P)} defaultValue={(getValues(`${props.name}.marks` as P) as string | undefined) ?? ""} />
    </>
  );
}

/** A submit button carrying a structure operation; with JavaScript, `onAct` does it instead. */
export function OpButton(props: { op: StructureOp; onAct: () => void; label: string; children: ReactNode; id?: string; className?: string; disabled?: boolean }) {
  return (
    <button
      type="submit"
      name="intent"
      value={opValue(props.op)}
      formNoValidate
      id={props.id}
      aria-label={props.label}
      disabled={props.disabled}
      className={props.className ?? "button small"}
      onClick={(event) => {
        event.preventDefault();
        props.onAct();
      }}
    >
      {props.children}
    </button>
  );
}

/** 上移 / 下移 / 删除 for element `index` of the list at `listPath`. */

export function SectionError({ path }: { path: string }) {
  const error = useError(path);
  return error ? (
    <p className="field-error case-form__section-error" id={`${fieldId(path)}-error`} data-error-for={path} tabIndex={-1}>
      {error}
    </p>
  ) : null;
}

