/**
 * The sections of the batch page: title and preface, the contents by category (reordering, moving
 * between categories, removing), the approved cases to add, and the errata of a published batch.
 */
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Field } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import type { loader } from "~/routes/batches.$number";
import type { ActionResult } from "./compile-actions.server";
import { Hidden, MoveButtons } from "./compile-parts";
import { batchStrings as t } from "./strings";
import { uiStrings } from "~/ui/strings";

export type BatchPageData = ReturnType<typeof useLoaderData<typeof loader>>;
type SectionProps = { d: BatchPageData; result: ActionResult | undefined; busy: boolean; onMove: (key: string, dir: string) => void };

/** Title and preface: a form while compiling, text afterwards. */
export function BatchMeta({ d, result, busy, onMove }: SectionProps) {
  void onMove;
  return (
      <section className="panel batch-meta" aria-labelledby="batch-meta-title">
        <h2 id="batch-meta-title">
          {uiStrings.and(t.title, t.preface)}
        </h2>
        {d.canEdit ? (
          <Form method="post" noValidate>
            <Hidden intent="save-meta" token={d.token} />
            <Field
              label={t.title}
              name="title"
              defaultValue={result?.intent === "save-meta" ? result.values?.title : d.title}
              error={result?.intent === "save-meta" ? result.errors?.title : undefined}
              hint={t.titleHint}
            />
            <Field label={t.preface} name="preface" hint={t.prefaceHint} error={result?.intent === "save-meta" ? result.errors?.preface : undefined}>
              <textarea
                id="field-preface"
                name="preface"
                rows={6}
                defaultValue={result?.intent === "save-meta" ? result.values?.preface : d.preface}
                aria-describedby="field-preface-hint"
              />
            </Field>
            <button type="submit" className="button" disabled={busy}>
              {t.saveMeta}
            </button>
          </Form>
        ) : (
          <div>
            <p>
              <strong>{d.title}</strong>
            </p>
            {d.preface
              .split("\n")
              .filter(Boolean)
              .map((p, i) => (
                <p key={i} className="small">
                  {p}
                </p>
              ))}
          </div>
        )}
      </section>
  );
}

/** The cases of the batch by category, in bulletin order. */
export function BatchContents({ d, result, busy, onMove }: SectionProps) {
  void onMove;
  return (
      <section aria-labelledby="batch-contents" className="batch-contents">
        <h2 id="batch-contents">
          {t.contents}（{d.caseCount}）
        </h2>
        {d.categories.length === 0 ? <p className="empty">{t.emptyBatch}</p> : null}
        <ol className="batch-categories">
          {d.categories.map((cat, ci) => (
            <li key={cat.code} id={`batch-category-${cat.code}`} className="batch-category">
              <div className="batch-category__header">
                <h3>{cat.name}</h3>
                {d.canEdit ? (
                  <MoveButtons
                    token={d.token}
                    intent="move-category"
                    fields={{ categoryCode: cat.code }}
                    first={ci === 0}
                    last={ci === d.categories.length - 1}
                    upLabel={t.moveCategoryUp(cat.name)}
                    downLabel={t.moveCategoryDown(cat.name)}
                    busy={busy}
                    onMove={onMove}
                  />
                ) : null}
              </div>
              <ol className="batch-cases">
                {cat.cases.map((c, i) => (
                  <li key={c.id} id={`batch-case-${c.id}`} className="batch-case">
                    <div className="batch-case__title">
                      <Link to={`/cases/${c.id}`}>{c.title}</Link>
                      <span className="muted small">
                        {" "}
                        · {c.leadRegionName} · {c.stateLabel}
                      </span>
                    </div>
                    {d.canEdit ? (
                      <div className="batch-case__controls">
                        <MoveButtons
                          token={d.token}
                          intent="move-case"
                          fields={{ caseId: c.id }}
                          first={i === 0}
                          last={i === cat.cases.length - 1}
                          upLabel={t.moveCaseUp(c.title)}
                          downLabel={t.moveCaseDown(c.title)}
                          busy={busy}
                          onMove={onMove}
                        />
                        <Form method="post" className="inline-form">
                          <Hidden intent="set-category" token={d.token} fields={{ caseId: c.id }} />
                          <label className="visually-hidden" htmlFor={`category-${c.id}`}>
                            {t.changeCategoryOf(c.title)}
                          </label>
                          <select id={`category-${c.id}`} name="categoryCode" defaultValue={cat.code}>
                            {d.categoryOptions.map((o) => (
                              <option key={o.code} value={o.code}>
                                {o.name}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="button small" disabled={busy}>
                            {t.changeCategory}
                          </button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <Hidden intent="remove-case" token={d.token} fields={{ caseId: c.id }} />
                          <button type="submit" className="button small" aria-label={t.removeCase(c.title)} disabled={busy}>
                            {t.remove}
                          </button>
                        </Form>
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </section>
  );
}

/** Approved cases not yet in a batch, to add. */
export function BatchCandidates({ d, result, busy, onMove }: SectionProps) {
  void onMove;
  return (
        <section aria-labelledby="batch-candidates" className="batch-candidates">
          <h2 id="batch-candidates">{t.candidates}</h2>
          {d.candidates.length === 0 ? (
            <p className="empty">{t.noCandidates}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t.title}</th>
                  <th scope="col">{t.leadRegion}</th>
                  <th scope="col">{t.caseCategory}</th>
                  <th scope="col">{t.categoryFor}</th>
                </tr>
              </thead>
              <tbody>
                {d.candidates.map((c) => (
                  <tr key={c.id}>
                    <td data-label={t.title}>
                      <Link to={`/cases/${c.id}`}>{c.title}</Link>
                    </td>
                    <td data-label={t.leadRegion}>{c.leadRegionName}</td>
                    <td data-label={t.caseCategory}>{c.categoryName}</td>
                    <td data-label={t.categoryFor}>
                      <Form method="post" className="inline-form">
                        <Hidden intent="add-case" token={d.token} fields={{ caseId: c.id }} />
                        <label className="visually-hidden" htmlFor={`add-category-${c.id}`}>
                          {t.categoryFor}
                        </label>
                        <select id={`add-category-${c.id}`} name="categoryCode" defaultValue={c.categoryCode}>
                          {d.categoryOptions.map((o) => (
                            <option key={o.code} value={o.code}>
                              {o.name}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button small primary" aria-label={`${t.add}：${c.title}`} disabled={busy}>
                          {t.add}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
  );
}

/** Errata of a published batch: the bulletin itself never changes. */
export function BatchErrata({ d, result, busy, onMove }: SectionProps) {
  void onMove;
  return (
        <section id="errata" aria-labelledby="batch-errata" className="panel">
          <h2 id="batch-errata">{t.errata}</h2>
          <p className="muted">{t.errataIntro}</p>
          {d.errata.length === 0 ? (
            <p>{t.noErrata}</p>
          ) : (
            <ol>
              {d.errata.map((e) => (
                <li key={e.id}>
                  <span className="muted small">
                    {formatDateTime(e.createdAt)}
                    {e.author ? ` · ${e.author}` : ""}
                  </span>
                  <p className="pre-line">{e.body}</p>
                </li>
              ))}
            </ol>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="erratum" />
            <Field label={t.erratumBody} name="body" error={result?.intent === "erratum" ? result.errors?.body : undefined}>
              <textarea id="field-body" name="body" rows={4} defaultValue={result?.intent === "erratum" ? result.values?.body : ""} />
            </Field>
            <button type="submit" className="button" disabled={busy}>
              {t.addErratum}
            </button>
          </Form>
        </section>
  );
}
