import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseQuery } from "~/ui/query.server";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listAuditEvents } from "~/audit/audit.server";
import { auditFilterFromUrl, auditQuery } from "~/audit/filter.server";
import { auditActionLabel, auditActionLabels, auditEntityLabels } from "~/audit/strings";
import { adminStrings as t } from "~/admin/strings";
import { getDb } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";
import { FormError, FilterSelect } from "~/ui/components";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction = () => pageTitle(t.auditTitle);

const PAGE_SIZE = 50;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "audit:read:any");
  const url = new URL(request.url);
  const beforeId = parseQuery(request, auditQuery).before;
  const { filter, values, invalid } = auditFilterFromUrl(url);
  const { events, nextBeforeId } = await listAuditEvents(getDb(), filter, { beforeId, limit: PAGE_SIZE });
  return {
    values,
    invalid,
    nextBeforeId,
    isFirstPage: !beforeId,
    events: events.map((e) => ({ ...e, before: e.before === null ? null : JSON.stringify(e.before), after: e.after === null ? null : JSON.stringify(e.after) })),
  };
}

export default function AuditPage() {
  const { values, invalid, events, nextBeforeId, isFirstPage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v === null ? next.delete(k) : next.set(k, v));
    return `?${next}`;
  };
  const csvParams = new URLSearchParams(params);
  csvParams.delete("before");
  return (
    <section>
      <div className="page-header">
        <h1>{t.auditTitle}</h1>
        <a className="button" href={`/admin/audit.csv?${csvParams}`} download>
          {t.auditDownload}
        </a>
      </div>
      <p className="muted small">{t.auditChainNote}</p>
      <Form method="get" className="filters">
        <div className="filter-field">
          <label htmlFor="audit-actor">{t.auditActor}</label>
          <input name="actor" id="audit-actor" defaultValue={values.actor} placeholder="姓名（用户名）" />
        </div>
        <FilterSelect
          label={t.auditAction}
          name="action"
          defaultValue={values.action}
          allLabel="全部"
          options={Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          label={t.auditEntity}
          name="entityType"
          defaultValue={values.entityType}
          allLabel="全部"
          options={Object.entries(auditEntityLabels).map(([value, label]) => ({ value, label }))}
        />
        <div className="filter-field">
          <label htmlFor="audit-entityId">{t.auditEntityId}</label>
          <input name="entityId" id="audit-entityId" defaultValue={values.entityId} />
        </div>
        <div className="filter-field">
          <label htmlFor="audit-from">{t.auditFrom}</label>
          <input type="date" name="from" id="audit-from" defaultValue={values.from} aria-invalid={invalid.includes("from")} />
        </div>
        <div className="filter-field">
          <label htmlFor="audit-to">{t.auditTo}</label>
          <input type="date" name="to" id="audit-to" defaultValue={values.to} aria-invalid={invalid.includes("to")} />
        </div>
        <button type="submit" className="button">
          {t.auditFilter}
        </button>
      </Form>
      <FormError message={invalid.length ? t.auditDateInvalid : null} />
      {events.length === 0 ? (
        <p className="empty">{t.auditEmpty}</p>
      ) : (
        <table className="table audit-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t.auditTime}</th>
              <th>{t.auditActor}</th>
              <th>{t.auditAction}</th>
              <th>{t.auditEntity}</th>
              <th>{t.auditIp}</th>
              <th>{t.auditDetails}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{e.id}</td>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.actorName}</td>
                <td>{auditActionLabel(e.action)}</td>
                <td>
                  {auditEntityLabels[e.entityType] ?? e.entityType}
                  {e.entityId ? <code className="small"> {e.entityId}</code> : null}
                </td>
                <td>{e.ip}</td>
                <td className="json">
                  {e.before ? <div>前：{e.before}</div> : null}
                  {e.after ? <div>后：{e.after}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="分页">
        {!isFirstPage ? <Link to={withParams({ before: null })}>{t.auditFirst}</Link> : null}
        {nextBeforeId ? <Link to={withParams({ before: String(nextBeforeId) })}>{t.auditNext}</Link> : null}
      </nav>
    </section>
  );
}
