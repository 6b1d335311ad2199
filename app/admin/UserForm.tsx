import { Form } from "@remix-run/react";
import { ROLES, type Role } from "~/permissions/permissions";
import { roleLabels } from "~/permissions/strings";
import { Field, FormError } from "~/ui/components";
import { adminStrings as t } from "./strings";

type Values = { username?: string; displayName?: string; roles?: string[]; regions?: string[]; active?: boolean };

/** Create and edit share this form; it posts without JavaScript. */
export function UserForm(props: {
  mode: "create" | "edit";
  values: Values;
  errors: Record<string, string>;
  regions: { code: string; name: string; active: boolean }[];
}) {
  const { values, errors } = props;
  return (
    <Form method="post" noValidate className="stack">
      <input type="hidden" name="intent" value="save" />
      <FormError message={errors.form} />
      {props.mode === "create" ? (
        <Field label={t.username} name="username" defaultValue={values.username} error={errors.username} required autoComplete="off" />
      ) : null}
      <Field label={t.displayName} name="displayName" defaultValue={values.displayName} error={errors.displayName} required />
      {props.mode === "create" ? (
        <Field label={t.initialPassword} name="password" type="password" hint={t.initialPasswordHint} error={errors.password} autoComplete="new-password" required />
      ) : null}
      <fieldset className={errors.roles ? "field-invalid" : undefined}>
        <legend>{t.roles}</legend>
        {ROLES.map((role: Role) => (
          <label key={role} className="checkbox">
            <input type="checkbox" name="roles" value={role} defaultChecked={values.roles?.includes(role)} /> {roleLabels[role]}
          </label>
        ))}
        {errors.roles ? <p className="field-error" role="alert">{errors.roles}</p> : null}
      </fieldset>
      <fieldset className={errors.regions ? "field-invalid" : undefined}>
        <legend>{t.regions}</legend>
        <p className="field-hint">{t.regionsHint}</p>
        <div className="checkbox-grid">
          {props.regions
            .filter((r) => r.active || values.regions?.includes(r.code))
            .map((r) => (
              <label key={r.code} className="checkbox">
                <input type="checkbox" name="regions" value={r.code} defaultChecked={values.regions?.includes(r.code)} /> {r.name}
              </label>
            ))}
        </div>
        {errors.regions ? <p className="field-error" role="alert">{errors.regions}</p> : null}
      </fieldset>
      {props.mode === "edit" ? (
        <label className="checkbox">
          <input type="checkbox" name="active" defaultChecked={values.active} /> {t.activeLabel}
        </label>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary">
          {props.mode === "create" ? t.create : t.save}
        </button>
      </div>
    </Form>
  );
}
