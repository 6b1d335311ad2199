import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CallRefused } from "~/calls/access";
import { callFormOptions, openCall } from "~/calls/calls.server";
import { callFormValues } from "~/calls/schemas";
import { callStrings as t } from "~/calls/strings";
import { getDb } from "~/db/db.server";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { Field, FormError } from "~/ui/components";
import { fieldErrors, readFormData } from "~/ui/forms";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction = () => pageTitle(t.newTitle, t.listTitle);

/** Publishers and admins: open a call for cases. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "call:manage:any");
  return callFormOptions(getDb());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "call:manage:any");
  const formData = (await readFormData(request)) ?? new FormData();
  const { raw, parsed } = callFormValues(formData);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    // "regions.0.quota" → the quota box of that region
    for (const key of Object.keys(errors)) if (/^regions\.\d+\.quota$/.test(key)) errors.regions ??= errors[key];
    return data({ errors, raw }, { status: 400 });
  }
  try {
    const id = await openCall(user, actorOf(context, user), parsed.data);
    throw redirect(`/calls/${id}`);
  } catch (error) {
    if (error instanceof CallRefused) return data({ errors: { [error.field ?? "form"]: error.message } as Record<string, string>, raw }, { status: error.status });
    throw error;
  }
}

export default function NewCallPage() {
  const options = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const raw = result?.raw;
  const errors = result?.errors ?? {};
  return (
    <section className="narrow-wide">
      <h1>{t.newTitle}</h1>
      <FormError message={errors.form} />
      <Form method="post" noValidate>
        <Field label={t.title} name="title" defaultValue={raw?.title} error={errors.title} hint={t.titleHint} required />
        <Field label={t.notice} name="notice" error={errors.notice}>
          <textarea id="field-notice" name="notice" rows={6} defaultValue={raw?.notice ?? ""} aria-invalid={errors.notice ? true : undefined} />
        </Field>
        <Field label={t.deadline} name="deadline" type="datetime-local" defaultValue={raw?.deadline} error={errors.deadline} hint={t.deadlineHint} required />
        <Field label={t.remindDays} name="remindDaysBefore" type="number" defaultValue={raw?.remindDaysBefore ?? "3"} error={errors.remindDaysBefore} hint={t.remindDaysHint} />
        <fieldset className="field">
          <legend>{t.categories}</legend>
          <p className="field-hint">{t.categoriesHint}</p>
          {options.categories.map((c) => (
            <label key={c.code} className="checkbox">
              <input type="checkbox" name="categories" value={c.code} defaultChecked={raw?.categories.includes(c.code)} /> {c.name}
            </label>
          ))}
        </fieldset>
        <fieldset className={`field${errors.regions ? " field-invalid" : ""}`} aria-describedby={errors.regions ? "regions-error" : undefined}>
          <legend>{t.regions}</legend>
          <p className="field-hint">{t.regionsHint}</p>
          {errors.regions ? (
            <p className="field-error" id="regions-error" role="alert">
              {errors.regions}
            </p>
          ) : null}
          <table className="table compact">
            <thead>
              <tr>
                <th>{t.region}</th>
                <th>{t.quota}</th>
              </tr>
            </thead>
            <tbody>
              {options.regions.map((r) => (
                <tr key={r.code}>
                  <td>
                    <label className="checkbox">
                      <input type="checkbox" name="regions" value={r.code} defaultChecked={raw?.regions.includes(r.code)} /> {r.name}
                    </label>
                  </td>
                  <td>
                    <input type="number" min={1} max={99} name={`quota-${r.code}`} aria-label={`${r.name}${t.quota}`} defaultValue={raw?.quotas[r.code] ?? ""} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <button type="submit" className="button primary">
          {t.create}
        </button>
      </Form>
    </section>
  );
}
