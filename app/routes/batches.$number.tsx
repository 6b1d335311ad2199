import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import {
  addCaseToBatch,
  addErratum,
  BatchRefused,
  loadCompileView,
  moveCaseInBatch,
  moveCategoryInBatch,
  removeCaseFromBatch,
  setCaseCategory,
  transitionBatch,
  updateBatchMeta,
  type Direction,
} from "~/batches/batches.server";
import { BatchStateBadge, DownloadLinks } from "~/batches/components";
import { ProofPanel } from "~/batches/ProofPages";
import { batchNumberParam } from "~/batches/params";
import { batchMetaSchema, erratumSchema, prefaceToText } from "~/batches/schemas";
import { batchErrors, batchNumberLabel, batchStrings as t } from "~/batches/strings";
import { chineseNumeral } from "~/cases/content/numbering";
import { getDb } from "~/db/db.server";
import { hasPermission } from "~/permissions/permissions";
import { actorOf, forbidden, requirePermission } from "~/permissions/require.server";
import { Field, FormError, Notice } from "~/ui/components";
import { fieldErrors, readFormData, textField } from "~/ui/forms";
import { formatDateTime } from "~/ui/format";
import { availableActions, canEditBatchContent, isBatchState, type BatchState } from "#workflows/batch";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data && batchNumberLabel(data.number), t.listTitle);

/** Publishers: compile, proofread and publish one batch. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "batch:compile:any");
  const number = batchNumberParam(params.number);
  const view = await loadCompileView(getDb(), number);
  if (!view) throw data({ message: batchErrors.notFound }, { status: 404 });
  const state = (isBatchState(view.batch.state) ? view.batch.state : "compiling") as BatchState;
  const info = { state, caseCount: view.caseCount };
  return {
    number,
    title: view.batch.title,
    preface: prefaceToText(view.batch.preface),
    state,
    publishedAt: view.batch.publishedAt,
    token: view.token,
    canEdit: canEditBatchContent(user, info),
    actions: availableActions(user, info).map((a) => ({ action: a.action, label: a.label })),
    categories: view.categories,
    caseCount: view.caseCount,
    candidates: view.candidates,
    categoryOptions: view.categoryOptions,
    errata: view.errata.map((e) => ({ id: e.id, body: e.body, createdAt: e.createdAt, author: e.author })),
  };
}

type ActionResult = { intent: string; error?: string; errors?: Record<string, string>; values?: Record<string, string> };

const direction = (value: string): Direction | null => (value === "up" || value === "down" ? value : null);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "batch:compile:any");
  const number = batchNumberParam(params.number);
  const formData = await readFormData(request);
  if (!formData) return data<ActionResult>({ intent: "", error: batchErrors.badForm }, { status: 400 });
  const intent = textField(formData, "intent");
  const token = textField(formData, "token");
  const caseId = textField(formData, "caseId");
  // Case ids are UUIDs: anything else names no case (and a NUL byte must not reach PostgreSQL).
  if (caseId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) {
    return data<ActionResult>({ intent, error: batchErrors.caseNotFound }, { status: 404 });
  }
  const categoryField = textField(formData, "categoryCode");
  if (categoryField && !/^[a-z][a-z0-9-]{0,63}$/.test(categoryField)) return data<ActionResult>({ intent, error: batchErrors.categoryNotFound }, { status: 400 });
  const actor = actorOf(context, user);
  const back = (query: string, hash = "") => redirect(`/batches/${number}?${query}${hash}`);
  try {
    switch (intent) {
      case "save-meta": {
        const values = { title: textField(formData, "title"), preface: textField(formData, "preface") };
        const parsed = batchMetaSchema.safeParse(values);
        if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 });
        await updateBatchMeta(user, actor, { number, token, ...parsed.data });
        return back("done=saved");
      }
      case "add-case":
        await addCaseToBatch(user, actor, { number, token, caseId, categoryCode: textField(formData, "categoryCode") || null });
        return back("done=saved", `#batch-case-${caseId}`);
      case "remove-case":
        await removeCaseFromBatch(user, actor, { number, token, caseId });
        return back("done=saved", "#batch-contents");
      case "move-case": {
        const dir = direction(textField(formData, "direction"));
        if (!dir) break;
        await moveCaseInBatch(user, actor, { number, token, caseId, direction: dir });
        return back("done=saved", `#batch-case-${caseId}`);
      }
      case "move-category": {
        const dir = direction(textField(formData, "direction"));
        const categoryCode = textField(formData, "categoryCode");
        if (!dir) break;
        await moveCategoryInBatch(user, actor, { number, token, categoryCode, direction: dir });
        return back("done=saved", `#batch-category-${categoryCode}`);
      }
      case "set-category":
        await setCaseCategory(user, actor, { number, token, caseId, categoryCode: textField(formData, "categoryCode") });
        return back("done=saved", `#batch-case-${caseId}`);
      case "transition": {
        const which = textField(formData, "action");
        if (which === "publish" && !hasPermission(user, "batch:publish:any")) forbidden();
        await transitionBatch(user, actor, { number, token, action: which });
        return back(`done=${encodeURIComponent(which)}`);
      }
      case "erratum": {
        if (!hasPermission(user, "batch:publish:any")) forbidden();
        const values = { body: textField(formData, "body") };
        const parsed = erratumSchema.safeParse(values);
        if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 });
        await addErratum(user, actor, { number, body: parsed.data.body });
        return back("done=erratum", "#errata");
      }
    }
  } catch (error) {
    if (error instanceof BatchRefused) return data<ActionResult>({ intent, error: error.message }, { status: error.status });
    throw error;
  }
  return data<ActionResult>({ intent, error: batchErrors.unknownIntent }, { status: 400 });
}

function Hidden({ intent, token, fields = {} }: { intent: string; token: string; fields?: Record<string, string> }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="token" value={token} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

export default function CompileBatchPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const done = params.get("done");
  const doneMessage = done === "saved" ? t.saved : done === "erratum" ? t.erratumAdded : done ? t.transitioned[done] : null;
  const fileStem = `第${chineseNumeral(d.number)}批最佳实践案例`;
  // Keyboard users reorder with the move buttons: keep focus on the button they pressed (React
  // moves the row in the DOM, which would drop focus), or on its partner at the end of the list.
  const pendingFocus = useRef<string | null>(null);
  const pendingDirection = useRef<string | null>(null);
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    pendingFocus.current = null;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>(`[data-move-key="${CSS.escape(key)}"]`)];
    (buttons.find((b) => b.dataset.direction === pendingDirection.current && !b.disabled) ?? buttons.find((b) => !b.disabled))?.focus();
  }, [d.token]);
  const onMove = (key: string, dir: string) => {
    pendingFocus.current = key;
    pendingDirection.current = dir;
  };

  return (
    <section className="batch-compile">
      <div className="page-header">
        <h1>
          {batchNumberLabel(d.number)} <BatchStateBadge state={d.state} />
        </h1>
        <p>
          <Link to={`/batches/${d.number}/preview`}>{t.preview}</Link>
          {d.state === "published" ? (
            <>
              {" · "}
              <Link to={`/bulletins/${d.number}`}>{t.publicPage}</Link>
            </>
          ) : null}
        </p>
      </div>
      {!result?.error && doneMessage ? <Notice message={doneMessage} /> : null}
      {result?.error ? (
        <div className="form-error" role="alert">
          {result.error} <a href={`/batches/${d.number}`}>{t.refresh}</a>
        </div>
      ) : null}

      <div className="batch-toolbar">
        {d.actions.length ? (
          <div className="batch-toolbar__actions" aria-label={t.workflow} role="group">
            {d.actions.map((a) => (
              <Form
                method="post"
                key={a.action}
                onSubmit={(event) => {
                  if (a.action === "publish" && !window.confirm(t.confirmPublish)) event.preventDefault();
                }}
              >
                <Hidden intent="transition" token={d.token} fields={{ action: a.action }} />
                <button type="submit" className={a.action === "publish" ? "button primary" : "button"} disabled={busy}>
                  {a.label}
                </button>
              </Form>
            ))}
          </div>
        ) : null}
        {d.caseCount > 0 ? <DownloadLinks number={d.number} fileStem={d.state === "published" ? fileStem : `${fileStem}（校样）`} /> : null}
      </div>
      {d.state === "frozen" ? <p className="batch-lock">{t.locked}</p> : null}
      {d.state === "published" ? (
        <p className="batch-lock">
          {t.published}
          {d.publishedAt ? `（${t.publishedAt}：${formatDateTime(d.publishedAt)}）` : null}
        </p>
      ) : null}

      {d.caseCount > 0 ? <ProofPanel number={d.number} /> : null}

      <section className="panel batch-meta" aria-labelledby="batch-meta-title">
        <h2 id="batch-meta-title">
          {t.title}和{t.preface}
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

      {d.canEdit ? (
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
                    <td>
                      <Link to={`/cases/${c.id}`}>{c.title}</Link>
                    </td>
                    <td>{c.leadRegionName}</td>
                    <td>{c.categoryName}</td>
                    <td>
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
      ) : null}

      {d.state === "published" ? (
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
      ) : null}
    </section>
  );
}

function MoveButtons(props: {
  token: string;
  intent: string;
  fields: Record<string, string>;
  first: boolean;
  last: boolean;
  upLabel: string;
  downLabel: string;
  busy: boolean;
  onMove: (key: string, direction: string) => void;
}) {
  const key = `${props.intent}:${Object.values(props.fields).join(":")}`;
  const button = (dir: "up" | "down") => (
    <Form
      method="post"
      className="inline-form"
      onSubmit={(event) => {
        // One move at a time; the buttons stay enabled so they keep keyboard focus.
        if (props.busy) event.preventDefault();
        else props.onMove(key, dir);
      }}
    >
      <Hidden intent={props.intent} token={props.token} fields={{ ...props.fields, direction: dir }} />
      <button
        type="submit"
        className="button small"
        aria-label={dir === "up" ? props.upLabel : props.downLabel}
        title={dir === "up" ? props.upLabel : props.downLabel}
        disabled={dir === "up" ? props.first : props.last}
        data-move-key={key}
        data-direction={dir}
      >
        {dir === "up" ? `↑ ${t.moveUp}` : `↓ ${t.moveDown}`}
      </button>
    </Form>
  );
  return (
    <span className="move-buttons">
      {button("up")}
      {button("down")}
    </span>
  );
}
