/**
 * Benchmark only (BENCH_ROUTES=1, else 404): the case list's 50 rows and their markup with none of
 * the app's logic — no session check in the loader, no permissions, no filters or pager — so the
 * benchmark can say which share of /cases is Remix + React + drizzle themselves (issue #14).
 */
import { Link, useLoaderData } from "@remix-run/react";
import { bareListRows, benchRoutesEnabled } from "~/bench/bare-rows.server";
import { formStrings as t } from "~/cases/form-strings";
import { getDb } from "~/db/db.server";
import { notFound } from "~/permissions/require.server";
import { formatDateTime } from "~/ui/format";
import { CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";

export async function loader() {
  // The app's own 404 page, as for any unknown address.
  if (!benchRoutesEnabled()) notFound();
  return { rows: await bareListRows(getDb()) };
}

export default function BareRows() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <table className="table">
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/cases/${r.id}`}>{r.title || t.untitled}</Link>
            </td>
            <td>
              <span className={`badge state-${r.state}`}>{isCaseState(r.state) ? CASE_STATE_LABELS[r.state] : r.state}</span>
            </td>
            <td>{r.categoryName}</td>
            <td>{r.leadRegionName}</td>
            <td>{formatDateTime(r.updatedAt)}</td>
            <td>{r.updatedByName ?? "—"}</td>
            <td>
              <Link to={`/cases/${r.id}/edit`}>{t.edit}</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
