import { batchNearDuplicates } from "~/aids/similarity.server";
import { AIDS_STRINGS } from "~/aids/strings";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { loadCompileView } from "~/batches/batches.server";
import { batchPageAction, type ActionResult } from "~/batches/compile-actions.server";
import { Hidden } from "~/batches/compile-parts";
import { BatchCandidates, BatchContents, BatchErrata, BatchMeta } from "~/batches/CompileSections";
import { BatchStateBadge, DownloadLinks } from "~/batches/components";
import { ProofPanel } from "~/batches/ProofPages";
import { batchNumberParam } from "~/batches/params";
import { prefaceToText } from "~/batches/schemas";
import { batchErrors, batchNumberLabel, batchStrings as t } from "~/batches/strings";
import { chineseNumeral } from "~/cases/content/numbering";
import { getDb } from "~/db/db.server";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { ConfirmStep, ConfirmSubmit } from "~/ui/ConfirmSubmit";
import { readFormData } from "~/ui/forms";
import { formatDateTime } from "~/ui/format";
import { availableActions, canEditBatchContent, getBatchTransition, isBatchState, type BatchState } from "#workflows/batch";
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
  const nearDuplicates = state === "published" ? [] : await batchNearDuplicates(getDb(), view.batch.id);
  return {
    nearDuplicates,
    number,
    title: view.batch.title,
    preface: prefaceToText(view.batch.preface),
    state,
    publishedAt: view.batch.publishedAt,
    token: view.token,
    canEdit: canEditBatchContent(user, info),
    actions: availableActions(user, info).map((a) => ({ action: a.action, label: a.label, irreversible: a.irreversible })),
    categories: view.categories,
    caseCount: view.caseCount,
    candidates: view.candidates,
    categoryOptions: view.categoryOptions,
    errata: view.errata.map((e) => ({ id: e.id, body: e.body, createdAt: e.createdAt, author: e.author })),
  };
}

/** Same people; each intent is checked by app/batches (workflow table, token) — see compile-actions.server.ts. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "batch:compile:any");
  const number = batchNumberParam(params.number);
  const formData = await readFormData(request);
  if (!formData) return data<ActionResult>({ intent: "", error: batchErrors.badForm }, { status: 400 });
  return batchPageAction(user, actorOf(context, user), number, formData);
}

export default function CompileBatchPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state !== "idle";
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
  const confirming = result?.confirm ? d.actions.find((a) => a.action === result.confirm) : undefined;
  const sectionProps = { d, result, busy, onMove };

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
      {d.nearDuplicates.length ? (
        <aside className="aids-panel" data-testid="batch-near-duplicates">
          <h2>{AIDS_STRINGS.panel.batchDuplicatesTitle}</h2>
          <ul>
            {d.nearDuplicates.map((p) => (
              <li key={`${p.a.caseId}-${p.b.caseId}`}>
                <Link to={`/cases/${p.a.caseId}`}>{p.a.title}</Link> / <Link to={`/cases/${p.b.caseId}`}>{p.b.title}</Link>：
                {AIDS_STRINGS.panel.similarScore(p.score)}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      {result?.error ? (
        <div className="form-error" role="alert">
          {result.error} <a href={`/batches/${d.number}`}>{t.refresh}</a>
        </div>
      ) : null}
      {confirming ? (
        <ConfirmStep message={t.confirmPublish} confirmLabel={t.confirmAction(confirming.label)} fields={{ intent: "transition", token: d.token, action: confirming.action }} cancelHref={`/batches/${d.number}`} />
      ) : null}

      <div className="batch-toolbar">
        {d.actions.length ? (
          <div className="batch-toolbar__actions" aria-label={t.workflow} role="group">
            {d.actions.map((a) => (
              <Form method="post" key={a.action}>
                <Hidden intent="transition" token={d.token} fields={{ action: a.action }} />
                {getBatchTransition(a.action).irreversible ? (
                  <ConfirmSubmit label={a.label} message={t.confirmPublish} confirmLabel={t.confirmAction(a.label)} className="button primary" disabled={busy} />
                ) : (
                  <button type="submit" className="button" disabled={busy}>
                    {a.label}
                  </button>
                )}
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

      <BatchMeta {...sectionProps} />
      <BatchContents {...sectionProps} />
      {d.canEdit ? <BatchCandidates {...sectionProps} /> : null}
      {d.state === "published" ? <BatchErrata {...sectionProps} /> : null}
    </section>
  );
}

