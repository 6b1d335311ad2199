import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createBatch } from "~/batches/batch-editing.server";
import { approvedCandidates, BatchRefused, defaultBatchTitle, nextBatchNumber, openBatch } from "~/batches/batches.server";
import { batchMetaSchema } from "~/batches/schemas";
import { batchStrings as t } from "~/batches/strings";
import { getDb } from "~/db/db.server";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { Field, FormError } from "~/ui/components";
import { fieldErrors, readFormData, textField } from "~/ui/forms";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data && t.newTitle(data.number), t.listTitle);

/** Publishers: start the next batch (unless one is still being compiled). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "batch:compile:any");
  const db = getDb();
  const open = await openBatch(db);
  if (open) throw redirect(`/batches/${open.number}`);
  const [number, candidates] = await Promise.all([nextBatchNumber(db), approvedCandidates(db)]);
  return { number, title: defaultBatchTitle(number), candidates: candidates.map((c) => ({ id: c.id, title: c.title })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "batch:compile:any");
  const formData = await readFormData(request);
  const values = { title: formData ? textField(formData, "title") : "", preface: formData ? textField(formData, "preface") : "" };
  const parsed = batchMetaSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  try {
    const created = await createBatch(user, actorOf(context, user), parsed.data);
    throw redirect(`/batches/${created.number}`);
  } catch (error) {
    if (error instanceof BatchRefused) return data({ errors: { form: error.message } as Record<string, string>, values }, { status: error.status });
    throw error;
  }
}

export default function NewBatchPage() {
  const { number, title, candidates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="narrow-wide">
      <h1>{t.newTitle(number)}</h1>
      <FormError message={result?.errors.form} />
      <Form method="post" noValidate>
        <Field label={t.title} name="title" defaultValue={result?.values.title ?? title} error={result?.errors.title} hint={t.titleHint} required />
        <Field label={t.preface} name="preface" error={result?.errors.preface} hint={t.prefaceHint}>
          <textarea
            id="field-preface"
            name="preface"
            rows={8}
            defaultValue={result?.values.preface ?? ""}
            aria-invalid={result?.errors.preface ? true : undefined}
            aria-describedby="field-preface-hint"
          />
        </Field>
        <button type="submit" className="button primary" disabled={busy}>
          {t.create}
        </button>
      </Form>
      <section aria-labelledby="batch-candidates">
        <h2 id="batch-candidates">{t.candidates}</h2>
        {candidates.length === 0 ? (
          <p className="empty">{t.noCandidates}</p>
        ) : (
          <ul data-testid="new-batch-candidates">
            {candidates.map((c) => (
              <li key={c.id}>
                <Link to={`/cases/${c.id}`}>{c.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
