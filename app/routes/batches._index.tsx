import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listBatchPage, nextBatchNumber, openBatch } from "~/batches/batches.server";
import { BatchListPager, BatchStateBadge } from "~/batches/components";
import { batchNumberLabel, batchStrings as t } from "~/batches/strings";
import { getDb } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryInt } from "~/ui/query.server";
import { z } from "zod";

export const meta: MetaFunction = () => pageTitle(t.listTitle);

/** `?page=` of the list (1–1000). */
const listQuery = z.object({ page: queryInt(1, 1000) });

/** Publishers: every batch, and the way to start the next one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "batch:compile:any");
  const db = getDb();
  const page = parseQuery(request, listQuery).page ?? 1;
  const [{ rows: batches, hasMore }, next, open] = await Promise.all([listBatchPage(db, { page }), nextBatchNumber(db), openBatch(db)]);
  return { batches, page, hasMore, next, open: open?.number ?? null };
}

export default function BatchesPage() {
  const { batches, page, hasMore, next, open } = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-header">
        <h1>{t.listTitle}</h1>
        {open === null ? (
          <Link className="button primary" to="/batches/new">
            {t.newBatch}（{batchNumberLabel(next)}）
          </Link>
        ) : (
          <Link className="button primary" to={`/batches/${open}`}>
            {t.open}{batchNumberLabel(open)}
          </Link>
        )}
      </div>
      <p className="muted">{t.listIntro}</p>
      {batches.length === 0 ? (
        <p className="empty">{t.noBatches}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.title}</th>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.cases}</th>
              <th scope="col">{t.publishedAt}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.number}>
                <td data-label={t.number}>
                  <Link to={`/batches/${b.number}`}>{batchNumberLabel(b.number)}</Link>
                </td>
                <td data-label={t.title}>{b.title}</td>
                <td data-label={t.state}>
                  <BatchStateBadge state={b.state} />
                </td>
                <td data-label={t.cases}>{b.caseCount}</td>
                <td data-label={t.publishedAt}>{b.publishedAt ? formatDateTime(b.publishedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <BatchListPager page={page} hasMore={hasMore} />
    </section>
  );
}
