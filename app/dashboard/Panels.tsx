import { Link } from "@remix-run/react";
import { roleLabels } from "~/permissions/strings";
import { formatDateTime } from "~/ui/format";
import { callStrings } from "~/calls/strings";
import { layoutStrings } from "~/layout/strings";
import type { Role } from "~/permissions/permissions";
import { dashboardStrings as t } from "./strings";

type Row = { id: string; title: string; regionName: string; daysWaiting: number | null };
type CountedList = { count: number; href: string; rows: Row[] };

/** A heading with its count as a link to the list of exactly those, and the first rows. */
function WorkList({ label, list, testId }: { label: string; list: CountedList; testId: string }) {
  return (
    <div data-testid={testId}>
      <h3>
        <Link to={list.href}>
          {label} <strong data-testid="count">{list.count}</strong>
        </Link>
      </h3>
      {list.rows.length ? (
        <ul>
          {list.rows.map((r) => (
            <li key={r.id}>
              <Link to={`/cases/${r.id}`}>{r.title}</Link> <span className="muted">· {r.regionName} · {t.daysWaiting(r.daysWaiting)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.none}</p>
      )}
    </div>
  );
}

export type ReviewerPanelData = { held: CountedList; resubmitted: CountedList; unclaimed: CountedList };

export function ReviewerPanel({ data }: { data: ReviewerPanelData }) {
  return (
    <article className="panel" data-testid="panel-reviewer">
      <h2>{layoutStrings.reviewerPanel}</h2>
      <WorkList label={t.held} list={data.held} testId="reviewer-held" />
      <WorkList label={t.resubmitted} list={data.resubmitted} testId="reviewer-resubmitted" />
      <WorkList label={t.unclaimed} list={data.unclaimed} testId="reviewer-unclaimed" />
      <p>
        <Link to="/review">{layoutStrings.openQueue}</Link>
      </p>
    </article>
  );
}

export type PublisherPanelData = {
  calls: { id: number; title: string; deadline: string | Date; submitted: number; approved: number; quota: number | null }[];
  approved: { count: number; href: string; rows: { id: string; title: string }[] };
  batch: { number: number; title: string; state: string; caseCount: number } | null;
};

export function PublisherPanel({ data, batchStateLabel }: { data: PublisherPanelData; batchStateLabel: (s: string) => string }) {
  return (
    <article className="panel" data-testid="panel-publisher">
      <h2>{layoutStrings.publisherPanel}</h2>
      <h3>
        <Link to="/calls">{t.callsInProgress}</Link>
      </h3>
      {data.calls.length ? (
        <ul data-testid="publisher-calls">
          {data.calls.map((c) => (
            <li key={c.id}>
              <Link to={`/calls/${c.id}`}>{c.title}</Link>
              <br />
              <span className="muted">
                {callStrings.deadline} {formatDateTime(c.deadline)} · {t.callProgress(c.submitted, c.approved, c.quota)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t.callsNone}</p>
      )}
      <div data-testid="publisher-approved">
        <h3>
          <Link to={data.approved.href}>
            {t.approvedAwaiting} <strong data-testid="count">{data.approved.count}</strong>
          </Link>
        </h3>
        {data.approved.rows.length ? (
          <ul>
            {data.approved.rows.map((r) => (
              <li key={r.id}>
                <Link to={`/cases/${r.id}`}>{r.title}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <h3>{t.batchCompiling}</h3>
      {data.batch ? (
        <p data-testid="publisher-batch">
          <Link to={`/batches/${data.batch.number}`}>{data.batch.title}</Link>
          <br />
          <span className="muted">{t.batchLine(data.batch.caseCount, batchStateLabel(data.batch.state))}</span>
        </p>
      ) : (
        <p className="muted">
          {t.batchNone} <Link to="/batches/new">{t.batchStart}</Link>
        </p>
      )}
      <p>
        <Link to="/batches">{layoutStrings.openBatches}</Link>
      </p>
    </article>
  );
}

export type AdminPanelData = {
  users: { total: number; active: number; href: string };
  roles: { role: Role; count: number; href: string }[];
  failedJobs: { count: number; href: string; rows: { id: string; label: string; createdOn: string | Date; error: string | null }[] };
  throttles: { count: number; href: string };
  audit: { signedAt: string | Date | null; eventId: number | null; eventsSince: number; href: string };
};

export function AdminPanel({ data }: { data: AdminPanelData }) {
  return (
    <article className="panel" data-testid="panel-admin">
      <h2>{layoutStrings.adminPanel}</h2>
      <h3>
        <Link to={data.users.href}>{t.people}</Link>
      </h3>
      <p className="muted">{t.peopleTotal(data.users.total, data.users.active)}</p>
      <ul className="figures" data-testid="admin-roles">
        {data.roles.map((r) => (
          <li key={r.role}>
            <Link to={r.href} data-role={r.role}>
              {roleLabels[r.role]} <strong>{r.count}</strong>
            </Link>
          </li>
        ))}
      </ul>
      <div data-testid="admin-failed-jobs">
        <h3>
          <Link to={data.failedJobs.href}>
            {t.failedJobs} <strong data-testid="count">{data.failedJobs.count}</strong>
          </Link>
        </h3>
        {data.failedJobs.rows.length ? (
          <ul>
            {data.failedJobs.rows.map((j) => (
              <li key={j.id}>
                {j.label} <span className="muted">· {formatDateTime(j.createdOn)}</span>
                {j.error ? <span className="muted"> · {j.error.slice(0, 80)}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <h3 data-testid="admin-throttles">
        <Link to={data.throttles.href}>
          {t.throttles} <strong data-testid="count">{data.throttles.count}</strong>
        </Link>
      </h3>
      <h3>{t.auditChain}</h3>
      <p data-testid="admin-audit">
        {data.audit.signedAt && data.audit.eventId !== null ? t.auditLast(formatDateTime(data.audit.signedAt), data.audit.eventId) : t.auditNever}{" "}
        {t.auditSince(data.audit.eventsSince)} <Link to={data.audit.href}>{t.openAudit}</Link>
      </p>
      <p>
        <Link to="/admin/cases">{t.adminCases}</Link> · <Link to="/admin/users">{t.usersLink}</Link> · <Link to="/admin/audit">{t.auditLink}</Link>
      </p>
    </article>
  );
}
