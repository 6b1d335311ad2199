import type { ReactNode } from "react";

/** A labelled input with its error message wired for screen readers. */
export function Field(props: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children?: ReactNode;
  type?: string;
  defaultValue?: string;
  autoComplete?: string;
  required?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
}) {
  const id = `field-${props.name}`;
  const describedBy = [props.error ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${props.error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children ?? (
        <input
          id={id}
          name={props.name}
          type={props.type ?? "text"}
          defaultValue={props.defaultValue}
          autoComplete={props.autoComplete}
          required={props.required}
          autoFocus={props.autoFocus}
          maxLength={props.maxLength}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
      {props.hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError message={props.error} id={`${id}-error`} />
    </div>
  );
}

/** The error under one field (nothing when there is none); `id` for the field's aria-describedby. */
export function FieldError({ message, id }: { message?: string | null; id?: string }) {
  return message ? (
    <p className="field-error" id={id} role="alert">
      {message}
    </p>
  ) : null;
}

export function FormError({ message }: { message?: string | null }) {
  return message ? (
    <div className="form-error" role="alert">
      {message}
    </div>
  ) : null;
}

export function Notice({ message }: { message?: string | null }) {
  return message ? (
    <div className="notice" role="status">
      {message}
    </div>
  ) : null;
}

/**
 * A labelled <select> for GET filter forms (lists, queue, audit, diff). The label is outside the
 * select so its accessible name is the label alone, not the label plus the chosen option.
 */
export function FilterSelect(props: {
  label: string;
  name: string;
  defaultValue?: string | number | null;
  /** An empty first option ("全部"); omit when a value is always chosen. */
  allLabel?: string;
  options: readonly { value: string | number; label: string }[];
}) {
  const id = `filter-${props.name}`;
  return (
    <div className="filter-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.defaultValue ?? ""}>
        {props.allLabel !== undefined ? <option value="">{props.allLabel}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
