import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseQuery } from "~/ui/query.server";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listAuditEvents } from "~/audit/audit.server";
import { auditFilterFromUrl, auditQuery } from "~/audit/filter.server";
import { auditActionLabels, auditEntityLabels, auditWords as w } from "~/audit/strings";
import { AuditEventItem } from "~/audit/AuditEventRow";
import { describeAuditEvents } from "~/audit/describe.server";
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
  // The raw fields go to the page only when asked for ("技术详情"); the CSV always has them.
  const withRaw = values.raw === "1";
  const sentences = await describeAuditEvents(getDb(), events);
  return {
    values,
    invalid,
    nextBeforeId,
    isFirstPage: !beforeId,
    withRaw,
    events: events.map((e, i) => ({
      id: e.id,
      action: e.action,
      at: formatDateTime(e.at),
      ip: withRaw ? e.ip : null,
      sentence: sentences[i],
      raw: withRaw
        ? { actorName: e.actorName, action: e.action, entityType: e.entityType, entityId: e.entityId, before: e.before === null ? null : JSON.stringify(e.before), after: e.after === null ? null : JSON.stringify(e.after) }
        : null,
    })),
  };
}

export default function AuditPage() {
  const { values, invalid, events, nextBeforeId, isFirstPage, withRaw } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v === null ? next.delete(k) : next.set(k, v));
    return `?${next}`;
  };
  const csvParams = new URLSearchParams(params);
  csvParams.delete("before");
  csvParams.delete("raw");
  return (
    <section>
      <div className="page-header">
        <h1>{t.auditTitle}</h1>
        <a className="button" href={`/admin/audit.csv?${csvParams}`} download>
          {t.auditDownload}
        </a>
      </div>
      <p className="muted small">{t.auditChainNote}</p>
      <p>
        <Link to={withParams({ raw: withRaw ? null : "1" })}>{withRaw ? w.hideTechnical : w.showTechnical}</Link>
      </p>
      <Form method="get" className="filters">
        <div className="filter-field">
          <label htmlFor="audit-actor">{t.auditActor}</label>
          <input name="actor" id="audit-actor" defaultValue={values.actor} placeholder={w.actorHint} />
        </div>
        <div className="filter-field">
          <label htmlFor="audit-object">{w.objectTitle}</label>
          <input name="object" id="audit-object" defaultValue={values.object} placeholder={w.objectPlaceholder} />
        </div>
        <FilterSelect
          label={t.auditAction}
          name="action"
          defaultValue={values.action}
          allLabel={w.all}
          options={Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          label={t.auditEntity}
          name="entityType"
          defaultValue={values.entityType}
          allLabel={w.all}
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
        {withRaw ? <input type="hidden" name="raw" value="1" /> : null}
        <button type="submit" className="button">
          {t.auditFilter}
        </button>
      </Form>
      <FormError message={invalid.length ? t.auditDateInvalid : null} />
      {events.length === 0 ? (
        <p className="empty">{t.auditEmpty}</p>
      ) : (
        <ol className="audit-events">
          {events.map((e) => (
            <AuditEventItem key={e.id} id={e.id} at={e.at} ip={e.ip} sentence={e.sentence} raw={e.raw} />
          ))}
        </ol>
      )}
      <nav className="pager" aria-label={w.pagination}>
        {!isFirstPage ? <Link to={withParams({ before: null })}>{t.auditFirst}</Link> : null}
        {nextBeforeId ? <Link to={withParams({ before: String(nextBeforeId) })}>{t.auditNext}</Link> : null}
      </nav>
    </section>
  );
}
