import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormError, Notice } from "~/ui/components";
import type { loadReference, referenceAction } from "./reference-route.server";
import { adminStrings as t } from "./strings";

type Row = { code: string; name: string; shortName?: string; sortOrder: number; active: boolean };

/**
 * Regions and categories. Every row is its own form (inputs join it through the `form`
 * attribute, since a form cannot wrap a table row), so each works without JavaScript.
 */
export function ReferenceEditor({ title, withShortName }: { title: string; withShortName: boolean }) {
  const { rows } = useLoaderData<typeof loadReference>();
  const actionData = useActionData<typeof referenceAction>();
  const [params] = useSearchParams();

  function RowCells({ row, formId, isNew }: { row: Partial<Row>; formId: string; isNew: boolean }) {
    const key = isNew ? "new" : row.code;
    const mine = actionData && actionData.rowKey === key ? actionData : null;
    const errors: Record<string, string> = mine?.errors ?? {};
    const shown: Partial<Row> = mine?.values ? { ...row, ...mine.values, sortOrder: Number(mine.values.sortOrder) } : row;
    const err = (name: string) => (errors[name] ? <span className="field-error" role="alert">{errors[name]}</span> : null);
    return (
      <tr>
        <td data-label={t.code}>
          {isNew ? (
            <input form={formId} name="code" aria-label={t.code} defaultValue={shown.code} aria-invalid={Boolean(errors.code)} />
          ) : (
            <>
              <code>{row.code}</code>
              <input form={formId} type="hidden" name="code" value={row.code} />
            </>
          )}
          {err("code")}
        </td>
        <td data-label={t.name}>
          <input form={formId} name="name" aria-label={`${t.name} ${row.code ?? ""}`} defaultValue={shown.name} aria-invalid={Boolean(errors.name)} />
          {err("name")}
        </td>
        {withShortName ? (
          <td data-label={t.shortName}>
            <input form={formId} name="shortName" aria-label={t.shortName} defaultValue={shown.shortName} size={6} aria-invalid={Boolean(errors.shortName)} />
            {err("shortName")}
          </td>
        ) : null}
        <td data-label={t.sortOrder}>
          <input form={formId} name="sortOrder" aria-label={t.sortOrder} type="number" defaultValue={shown.sortOrder ?? 0} min={0} max={9999} className="narrow-input" />
          {err("sortOrder")}
        </td>
        <td data-label={t.status}>
          {isNew ? null : (
            <label className="checkbox">
              <input form={formId} type="checkbox" name="active" defaultChecked={row.active} /> {t.active}
            </label>
          )}
        </td>
        <td>
          <button form={formId} type="submit" className={`button small${isNew ? " primary" : ""}`}>
            {isNew ? t.add : t.save}
          </button>
        </td>
      </tr>
    );
  }

  return (
    <section>
      <h1>{title}</h1>
      <p className="muted">{t.referenceHint}</p>
      {params.has("saved") ? <Notice message={t.saved} /> : null}
      <FormError message={actionData?.errors.form} />
      <table className="table">
        <thead>
          <tr>
            <th>{t.code}</th>
            <th>{t.name}</th>
            {withShortName ? <th>{t.shortName}</th> : null}
            <th>{t.sortOrder}</th>
            <th>{t.status}</th>
            <th>
              <span className="visually-hidden">{t.rowActions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <RowCells key={row.code} row={row} formId={`row-${row.code}`} isNew={false} />
          ))}
          <RowCells row={{}} formId="row-new" isNew />
        </tbody>
      </table>
      {rows.map((row) => (
        <Form key={row.code} method="post" id={`row-${row.code}`}>
          <input type="hidden" name="intent" value="update" />
        </Form>
      ))}
      <Form method="post" id="row-new">
        <input type="hidden" name="intent" value="create" />
      </Form>
    </section>
  );
}
