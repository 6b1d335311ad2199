import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CallRefused } from "~/calls/access";
import { attachCase } from "~/calls/call-cases.server";
import { callVisibleTo, compileCall, loadCallPage, transitionCall } from "~/calls/calls.server";
import { extendSchema, toBeijingInput } from "~/calls/schemas";
import { callStrings as t } from "~/calls/strings";
import { quotaFormSchema, setRegionQuota } from "~/calls/quota.server";
import { CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";
import { getDb } from "~/db/db.server";
import { serverNow } from "~/clock.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { hasPermission } from "~/permissions/permissions";
import { actorOf, forbidden, requirePermission } from "~/permissions/require.server";
import { ConfirmSubmit } from "~/ui/ConfirmSubmit";
import { FormError } from "~/ui/components";
import { readFormData, textField } from "~/ui/forms";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.call.title, t.listTitle);

function callIdOf(param: string | undefined) {
  const id = Number(param);
  if (!Number.isInteger(id) || id <= 0 || id > 2 ** 31 - 1) throw data({ message: t.notFound }, { status: 404 });
  return id;
}

/** Anyone the call invites (submitters: of an invited region); 404 for the rest, as for a missing call. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "call:read:invited");
  const page = await loadCallPage(getDb(), user, callIdOf(params.callId), serverNow());
  if (!page) throw data({ message: t.notFound }, { status: 404 });
  return { ...page, canManage: hasPermission(user, "call:manage:any") };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "call:read:invited");
  const id = callIdOf(params.callId);
  // A call the user may not see does not exist for them; managing it needs the permission.
  if (!(await callVisibleTo(getDb(), user, id))) throw data({ message: t.notFound }, { status: 404 });
  const formData = (await readFormData(request)) ?? new FormData();
  const intent = textField(formData, "intent");
  const actor = actorOf(context, user);
  const expectedVersion = Number(textField(formData, "version"));
  try {
    if (intent === "attach") {
      await attachCase(user, actor, id, textField(formData, "caseId"));
      throw await redirectWithFlash(`/calls/${id}`, t.attached);
    }
    if ((intent === "close" || intent === "extend" || intent === "compile" || intent === "quota") && !hasPermission(user, "call:manage:any")) forbidden();
    if (intent === "quota") {
      const parsed = quotaFormSchema.safeParse({ region: textField(formData, "region"), quota: textField(formData, "quota").trim(), version: textField(formData, "version") });
      if (!parsed.success) return data({ intent, error: parsed.error.issues[0].message, deadline: "" }, { status: 400 });
      const done = await setRegionQuota(user, actor, id, parsed.data);
      throw await redirectWithFlash(`/calls/${id}`, t.quotaSet(done.regionName, done.quota));
    }
    if (intent === "close" || intent === "extend") {
      let deadline: Date | null = null;
      if (intent === "extend") {
        const parsed = extendSchema.safeParse({ deadline: textField(formData, "deadline") });
        if (!parsed.success) return data({ intent, error: parsed.error.issues[0].message, deadline: textField(formData, "deadline") }, { status: 400 });
        deadline = parsed.data.deadline;
      }
      await transitionCall(user, actor, { callId: id, action: intent, expectedVersion, deadline });
      throw await redirectWithFlash(`/calls/${id}`, intent === "extend" ? t.extended : t.closed);
    }
    if (intent === "compile") {
      const result = await compileCall(user, actor, { callId: id, expectedVersion });
      throw await redirectWithFlash(`/batches/${result.number}`, t.compiled(result.number));
    }
    return data({ intent, error: "未知的操作。", deadline: "" }, { status: 400 });
  } catch (error) {
    if (error instanceof CallRefused) return data({ intent, error: error.message, deadline: textField(formData, "deadline") }, { status: error.status });
    throw error;
  }
}

export default function CallPage() {
  const { call, categories, progress, cases, attachable, canAnswer, actions, batchNumber, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const totals = progress.reduce(
    (a, p) => ({ drafts: a.drafts + p.drafts, submitted: a.submitted + p.submitted, inReview: a.inReview + p.inReview, changesRequested: a.changesRequested + p.changesRequested, approved: a.approved + p.approved, late: a.late + p.late }),
    { drafts: 0, submitted: 0, inReview: 0, changesRequested: 0, approved: 0, late: 0 },
  );
  const extended = call.originalDeadline !== call.deadline;
  return (
    <section>
      <h1>{call.title}</h1>
      <p>
        <strong>{call.stateLabel}</strong> · {t.deadlineLine(call.deadline)}
        {extended ? t.originalDeadline(call.originalDeadline) : null}
      </p>
      {batchNumber ? (
        <p>
          <Link to={`/batches/${batchNumber}`}>{t.batchLink(batchNumber)}</Link>
        </p>
      ) : null}
      {categories.length ? (
        <p>
          {t.categories}：{categories.join("、")}
        </p>
      ) : null}
      {call.notice ? <div className="notice-text">{call.notice.split("\n").map((line, i) => <p key={i}>{line}</p>)}</div> : null}
      <FormError message={result?.error} />

      <h2>{t.progress}</h2>
      <table className="table" aria-label={t.progress}>
        <thead>
          <tr>
            <th scope="col">{t.region}</th>
            <th scope="col">{t.drafts}</th>
            <th scope="col">{t.submitted}</th>
            <th scope="col">{t.inReview}</th>
            <th scope="col">{t.changesRequested}</th>
            <th scope="col">{t.approved}</th>
            <th scope="col">{t.quotaCol}</th>
            <th scope="col">{t.late}</th>
          </tr>
        </thead>
        <tbody>
          {progress.map((p) => (
            <tr key={p.code}>
              <th scope="row">{p.name}</th>
              <td data-label={t.drafts}>{p.drafts}</td>
              <td data-label={t.submitted}>{p.submitted}</td>
              <td data-label={t.inReview}>{p.inReview}</td>
              <td data-label={t.changesRequested}>{p.changesRequested}</td>
              <td data-label={t.approved}>{p.quota !== null ? `${p.approved} / ${p.quota}` : p.approved}</td>
              <td data-label={t.quotaCol}>{p.quota ?? t.unlimited}</td>
              <td data-label={t.late}>{p.late}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.total}</th>
            <td data-label={t.drafts}>{totals.drafts}</td>
            <td data-label={t.submitted}>{totals.submitted}</td>
            <td data-label={t.inReview}>{totals.inReview}</td>
            <td data-label={t.changesRequested}>{totals.changesRequested}</td>
            <td data-label={t.approved}>{totals.approved}</td>
            <td />
            <td data-label={t.late}>{totals.late}</td>
          </tr>
        </tfoot>
      </table>

      {canManage && (call.state === "open" || call.state === "closed") ? <QuotaForms progress={progress} version={call.version} /> : null}

      <h2>{t.cases}</h2>
      {cases.length === 0 ? (
        <p className="empty">{t.noCases}</p>
      ) : (
        <ul>
          {cases.map((c) => (
            <li key={c.id}>
              <Link to={`/cases/${c.id}`}>{c.title}</Link>（{isCaseState(c.state) ? CASE_STATE_LABELS[c.state] : c.state}）{c.late ? <strong> {t.late}</strong> : null}
            </li>
          ))}
        </ul>
      )}

      {canAnswer ? (
        <AnswerForm attachable={attachable} callId={call.id} />
      ) : null}

      {actions.map((a) =>
        a.action === "extend" ? (
          <Form method="post" key={a.action} className="inline-form">
            <input type="hidden" name="intent" value="extend" />
            <input type="hidden" name="version" value={call.version} />
            <label htmlFor="extend-deadline">{t.newDeadline}</label>{" "}
            <input type="datetime-local" id="extend-deadline" name="deadline" defaultValue={result?.intent === "extend" ? result.deadline : toBeijingInput(new Date(call.deadline))} />{" "}
            <button type="submit" className="button">
              {a.label}
            </button>
          </Form>
        ) : (
          <Form method="post" key={a.action} className="inline-form">
            <input type="hidden" name="intent" value={a.action} />
            <input type="hidden" name="version" value={call.version} />
            {a.action === "compile" ? (
              <ConfirmSubmit label={a.label} message={t.confirmCompile} confirmLabel={a.label} className="button primary" />
            ) : (
              <button type="submit" className="button">
                {a.label}
              </button>
            )}
          </Form>
        ),
      )}
      <p className="muted small">
        {formatDateTime(call.remindAt)} 起向尚未提交的地区发送截止提醒。
      </p>
    </section>
  );
}

function AnswerForm({ attachable, callId }: { attachable: { id: string; title: string }[]; callId: number }) {
  return (
    <div className="panel">
      <h2>{t.answer}</h2>
      <p className="muted small">{t.answerHint}</p>
      {attachable.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="attach" />
          <label htmlFor="attach-case">{t.answerCase}</label>{" "}
          <select id="attach-case" name="caseId">
            {attachable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button primary">
            {t.attach}
          </button>
        </Form>
      ) : null}
      <p>
        {t.newCaseFirst} <Link to={`/cases/new?call=${callId}`}>{t.newCase}</Link>
      </p>
    </div>
  );
}

/** Publishers and admins: each invited region's quota, to raise (or lower to what was submitted, or clear). */
function QuotaForms({ progress, version }: { progress: { code: string; name: string; quota: number | null }[]; version: number }) {
  return (
    <details className="quota-forms">
      <summary>{t.quotaAdjust}</summary>
      <ul>
        {progress.map((p) => (
          <li key={p.code}>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="quota" />
              <input type="hidden" name="version" value={version} />
              <input type="hidden" name="region" value={p.code} />
              <label htmlFor={`quota-${p.code}`}>{t.quotaLabel(p.name)}</label>
              <input type="number" id={`quota-${p.code}`} name="quota" min={1} max={99} defaultValue={p.quota ?? ""} placeholder={t.unlimited} className="quota-input" />
              <button type="submit" className="button small">
                {t.quotaSave}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <p className="muted small">{t.quotaHint}</p>
    </details>
  );
}
