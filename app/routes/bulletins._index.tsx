import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listBatchPage } from "~/batches/batches.server";
import { BatchListPager as Pager } from "~/batches/components";
import { batchNumberLabel, batchStrings as t } from "~/batches/strings";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryInt } from "~/ui/query.server";
import { z } from "zod";
import { uiStrings } from "~/ui/strings";

export const meta: MetaFunction = () => pageTitle(t.bulletinsTitle);

/** `?page=` of the list (1–1000). */
const listQuery = z.object({ page: queryInt(1, 1000) });

/** Public: anyone, signed in or not, may read the published bulletins. */
export async function loader({ request }: LoaderFunctionArgs) {
  const page = parseQuery(request, listQuery).page ?? 1;
  const { rows, hasMore } = await listBatchPage(getDb(), { publishedOnly: true, page });
  return { page, hasMore, bulletins: rows.map((r) => ({ number: r.number, title: r.title, publishedAt: r.publishedAt, caseCount: r.caseCount })) };
}

export default function BulletinsPage() {
  const { bulletins, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t.bulletinsTitle}</h1>
      <p className="muted">{t.bulletinsIntro}</p>
      {bulletins.length === 0 ? (
        <p className="empty">{t.noBulletins}</p>
      ) : (
        <ul className="bulletin-list">
          {bulletins.map((b) => (
            <li key={b.number} className="panel">
              <h2>
                <Link to={`/bulletins/${b.number}`}>{b.title}</Link>
              </h2>
              <p className="muted">
                {batchNumberLabel(b.number)} · {uiStrings.caseCount(b.caseCount)}
                {b.publishedAt ? ` · ${t.publishedAt} ${formatDateTime(b.publishedAt, "date")}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} hasMore={hasMore} />
    </section>
  );
}
