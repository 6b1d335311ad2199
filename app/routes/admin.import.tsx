import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { listRegions } from "~/admin/reference.server";
import { chineseNumeral } from "~/cases/content/numbering";
import { getDb } from "~/db/db.server";
import { importBulletin, ImportRefused, type RegionChoice } from "~/import/import.server";
import { MAX_BULLETIN_BYTES } from "~/import/guards";
import type { ImportIssue } from "~/import/parse";
import { parseBulletinOffThread } from "~/import/parse-pool.server";
import { importStrings as t } from "~/import/strings";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { Notice } from "~/ui/components";
import { listField, readFormData, textField } from "~/ui/forms";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryInt } from "~/ui/query.server";
import { z } from "zod";
import { uiStrings } from "~/ui/strings";

export const meta: MetaFunction = () => pageTitle(t.title);

/** After an import: the batch number and the number of its cases, for the notice. */
const importQuery = z.object({ imported: queryInt(1, 99), cases: queryInt(0, 100_000) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "bulletin:import:any");
  const query = parseQuery(request, importQuery);
  return {
    regions: (await listRegions(getDb(), { activeOnly: true })).map((r) => ({ code: r.code, name: r.name })),
    // (only the number this page redirects with: anything else in the address shows no notice)
    done: query.imported ? t.imported(chineseNumeral(query.imported), query.cases ?? 0) : null,
  };
}

type Preview = {
  batchNumber: number | null;
  title: string;
  categories: { name: string; cases: { index: number; title: string; practices: number; effects: number; nextSteps: number; proposedRegions: string[] }[] }[];
};
type ActionData = { text: string; errors: ImportIssue[]; warnings: ImportIssue[]; preview: Preview | null };

async function readBulletinText(formData: FormData): Promise<string | { error: string }> {
  const file = formData.get("file");
  if (file && typeof file === "object" && "arrayBuffer" in file && file.size > 0) {
    if (file.size > MAX_BULLETIN_BYTES) return { error: uiStrings.fileTooLarge(MAX_BULLETIN_BYTES / 1024 / 1024) };
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return { error: t.notUtf8 };
    }
  }
  return textField(formData, "text");
}

/**
 * intent=parse shows what was understood and writes nothing; intent=confirm parses the same text
 * again, applies the regions a person confirmed, and imports it all in one transaction.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context, "bulletin:import:any");
  const formData = await readFormData(request);
  if (!formData) return data<ActionData>({ text: "", errors: [{ line: 0, message: t.noInput }], warnings: [], preview: null }, { status: 400 });
  const text = await readBulletinText(formData);
  if (typeof text !== "string") return data<ActionData>({ text: "", errors: [{ line: 0, message: text.error }], warnings: [], preview: null }, { status: 400 });
  if (!text.trim()) return data<ActionData>({ text, errors: [{ line: 0, message: t.noInput }], warnings: [], preview: null }, { status: 400 });
  const parsed = await parseBulletinOffThread(text);
  if (!parsed.ok) return data<ActionData>({ text, errors: parsed.errors, warnings: [], preview: null }, { status: 400 });

  let index = 0;
  const preview: Preview = {
    batchNumber: parsed.bulletin.batchNumber,
    title: parsed.bulletin.title,
    categories: parsed.bulletin.categories.map((cat) => ({
      name: cat.name,
      cases: cat.cases.map((c) => ({
        index: index++,
        title: c.content.title,
        practices: c.content.practices.items.length,
        effects: c.content.effects.items.length,
        nextSteps: c.content.nextSteps.kind === "points" ? c.content.nextSteps.points.length : 0,
        proposedRegions: c.proposedRegions,
      })),
    })),
  };
  if (textField(formData, "intent") !== "confirm") return { text, errors: [], warnings: parsed.warnings, preview } satisfies ActionData;

  // Posted region codes are checked against the active pilot regions: an unknown code would be a
  // foreign-key 500, a deactivated one must not be accepted (issue #13).
  const active = new Set((await listRegions(getDb(), { activeOnly: true })).map((r) => r.code));
  const choices: (RegionChoice | undefined)[] = [];
  for (let i = 0; i < index; i++) {
    const lead = textField(formData, `lead.${i}`);
    const regions = listField(formData, `regions.${i}`);
    const unknown = [lead, ...regions].filter((code) => code && !active.has(code));
    if (unknown.length) return data<ActionData>({ text, errors: [{ line: 0, message: t.unknownRegion(unknown.join("、").slice(0, 80)) }], warnings: parsed.warnings, preview }, { status: 400 });
    choices.push(lead ? { leadRegion: lead, regions: regions.filter((r) => r !== lead) } : undefined);
  }
  try {
    const outcome = await importBulletin(actorOf(context, admin), parsed.bulletin, { regionChoices: choices });
    throw redirect(`/admin/import?imported=${outcome.batchNumber}&cases=${outcome.caseIds.length}`);
  } catch (error) {
    if (error instanceof ImportRefused) return data<ActionData>({ text, errors: error.issues, warnings: parsed.warnings, preview }, { status: 409 });
    throw error;
  }
}

export default function ImportPage() {
  const { regions, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const regionName = (code: string) => regions.find((r) => r.code === code)?.name ?? code;
  return (
    <section>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <Notice message={done} />
      {result?.errors.length ? (
        <div className="form-error" role="alert">
          <strong>{t.errors}</strong>
          <ul>
            {result.errors.map((e, i) => (
              <li key={i}>{e.line ? `${t.line(e.line)}：${e.message.replace(/^第 \d+ 行：/, "")}` : e.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {!result?.preview ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="parse" />
          <div className="field">
            <label htmlFor="import-file">{t.file}</label>
            <input id="import-file" type="file" name="file" accept=".md,.txt,text/plain,text/markdown" />
          </div>
          <div className="field">
            <label htmlFor="import-text">{t.orPaste}</label>
            <textarea id="import-text" name="text" rows={10} defaultValue={result?.text ?? ""} />
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {t.parse}
          </button>
        </Form>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="confirm" />
          <textarea name="text" hidden readOnly value={result.text} />
          <h2>
            {t.preview}：{result.preview.title}（{t.batch} {result.preview.batchNumber ?? "?"}）
          </h2>
          <p className="muted small">{t.regionsHint}</p>
          {result.preview.categories.map((cat) => (
            <div key={cat.name}>
              <h3>{cat.name}</h3>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t.caseTitle}</th>
                    <th>{t.practices}</th>
                    <th>{t.effects}</th>
                    <th>{t.nextSteps}</th>
                    <th>{t.regions}</th>
                  </tr>
                </thead>
                <tbody>
                  {cat.cases.map((c) => (
                    <tr key={c.index}>
                      <td data-label={t.caseTitle}>{c.title}</td>
                      <td data-label={t.practices}>{c.practices}</td>
                      <td data-label={t.effects}>{c.effects}</td>
                      <td data-label={t.nextSteps}>{c.nextSteps ? t.nextStepsPoints(c.nextSteps) : t.nextStepsParagraph}</td>
                      <td data-label={t.regions}>
                        <fieldset className="region-choice">
                          <legend className="small">{t.leadRegion}</legend>
                          {regions.map((r) => (
                            <label key={r.code} className="checkbox small">
                              <input type="radio" name={`lead.${c.index}`} value={r.code} defaultChecked={c.proposedRegions[0] === r.code} />
                              <input type="checkbox" name={`regions.${c.index}`} value={r.code} defaultChecked={c.proposedRegions.includes(r.code)} aria-label={uiStrings.participatingRegion(r.name)} />
                              {r.name}
                            </label>
                          ))}
                        </fieldset>
                        <p className="small muted">{uiStrings.suggested(c.proposedRegions.map(regionName).join("、"))}</p>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {result.warnings.length ? (
            <details>
              <summary>
                {t.warnings}（{result.warnings.length}）
              </summary>
              <ul className="small">
                {result.warnings.map((w, i) => (
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t.confirm}
            </button>
            <a className="button" href="/admin/import">
              {t.cancel}
            </a>
          </div>
        </Form>
      )}
    </section>
  );
}
