import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~/db/db.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { JobRefused, listJobs, retryJob } from "~/jobs/admin.server";
import { JOB_STATES } from "~/jobs/states";
import { jobStrings as t } from "~/jobs/strings";
import { pageTitle } from "~/layout/title";
import { actorOf, requirePermission } from "~/permissions/require.server";
import { FilterSelect, FormError } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { parseQuery, queryEnum } from "~/ui/query.server";
import { z } from "zod";

export const meta: MetaFunction = () => pageTitle(t.title);

const PAGE_SIZE = 50;

/** `?state=` one of the job states; `?before=<ms since 1970>_<job id>`, a time in 2000–2100 (the cursor this page writes). */
const jobsQuery = z.object({
  state: queryEnum(JOB_STATES),
  before: z
    .string()
    .regex(/^[0-9]{12,13}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
    .refine((v) => {
      const ms = Number(v.split("_")[0]);
      return ms >= Date.UTC(2000, 0, 1) && ms <= Date.UTC(2100, 11, 31);
    })
    .optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "job:manage:any");
  const query = parseQuery(request, jobsQuery);
  const state = query.state;
  const [beforeAt, beforeId] = query.before?.split("_") ?? [];
  const before = beforeAt && beforeId ? { createdOn: new Date(Number(beforeAt)), id: beforeId } : undefined;
  const { jobs, next } = await listJobs(getDb(), { state, before, limit: PAGE_SIZE });
  return { state: state ?? "", jobs, next: next ? `${next.createdOn.getTime()}_${next.id}` : null, isFirstPage: !before };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requirePermission(request, context, "job:manage:any");
  const form = await request.formData().catch(() => null);
  const jobId = String(form?.get("jobId") ?? "");
  if (form?.get("intent") !== "retry") return data({ error: t.notRetryable }, { status: 400 });
  try {
    await retryJob(actorOf(context, admin), jobId);
  } catch (error) {
    if (error instanceof JobRefused) return data({ error: error.message }, { status: error.status });
    throw error;
  }
  const url = new URL(request.url);
  return redirectWithFlash(`/admin/jobs${url.search}`, t.retried);
}

export default function JobsPage() {
  const { state, jobs, next, isFirstPage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | null>) => {
    const nextParams = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v === null ? nextParams.delete(k) : nextParams.set(k, v));
    return `?${nextParams}`;
  };
  return (
    <section>
      <div className="page-header">
        <h1>{t.title}</h1>
      </div>
      <p className="muted small">{t.intro}</p>
      <FormError message={actionData && "error" in actionData ? actionData.error : null} />
      <Form method="get" className="filters">
        <FilterSelect label={t.filterState} name="state" defaultValue={state} allLabel={t.all} options={JOB_STATES.map((s) => ({ value: s, label: t.states[s] }))} />
        <button type="submit">{t.filter}</button>
      </Form>
      {jobs.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t.job}</th>
              <th>{t.key}</th>
              <th>{t.state}</th>
              <th>{t.attempts}</th>
              <th>{t.created}</th>
              <th>{t.started}</th>
              <th>{t.finished}</th>
              <th>{t.error}</th>
              <th>
                <span className="visually-hidden">{t.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td data-label={t.job}>{job.label}</td>
                <td data-label={t.key} className="small">{job.singletonKey ?? ""}</td>
                <td data-label={t.state}>{t.states[job.state] ?? job.state}</td>
                <td data-label={t.attempts}>
                  {job.retryCount} / {job.retryLimit}
                </td>
                <td data-label={t.created}>{formatDateTime(new Date(job.createdOn))}</td>
                <td data-label={t.started}>{job.startedOn ? formatDateTime(new Date(job.startedOn)) : ""}</td>
                <td data-label={t.finished}>{job.completedOn ? formatDateTime(new Date(job.completedOn)) : ""}</td>
                <td data-label={t.error} className="small">{job.error ?? ""}</td>
                <td>
                  {job.state === "failed" ? (
                    <Form method="post">
                      <input type="hidden" name="jobId" value={job.id} />
                      <button type="submit" name="intent" value="retry">
                        {t.retry}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager">
        {!isFirstPage ? <Link to={withParams({ before: null })}>{t.newest}</Link> : null}
        {next ? <Link to={withParams({ before: next })}>{t.older}</Link> : null}
      </nav>
    </section>
  );
}
