import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { FilterSelect } from "~/ui/components";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { regionNameMap } from "~/bulletin/bulletins.server";
import { requireReadableCase } from "~/cases/access.server";
import { getCaseContent, listVersions } from "~/cases/cases.server";
import { listCategories } from "~/admin/reference.server";
import { getDb } from "~/db/db.server";
import { forbidden } from "~/permissions/require.server";
import { canSeeReview } from "~/review/access";
import { loadDiscussion, statusList } from "~/review/conversation.server";
import { DiffView } from "~/review/DiffView";
import { CommentStatusList } from "~/review/SinceReview";
import { diffCases, elideUnchanged } from "~/review/diff";
import { reviewStrings as t } from "~/review/strings";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";
import { parseQuery, queryEnum } from "~/ui/query.server";
import { z } from "zod";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `${t.diffTitle}：${data.title}` : t.diffTitle);

/** A version number from the query string: absent → null, malformed → 400. */
function versionParam(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return null;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw data({ message: t.diffVersionInvalid }, { status: 400 });
  return Number(raw);
}

/** `?from=&to=` version numbers (checked with their own message below), `?changed=1` only the changes. */
const diffQuery = z.object({ changed: queryEnum(["0", "1"]), from: z.string().max(20).optional(), to: z.string().max(20).optional() });

/**
 * Those who may see the case's review side (canSeeReview): reviewers, publishers, admins and the
 * case's own regions. `?from=&to=` pick versions; default: the last two submissions.
 * `?changed=1` shows only the changes.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, row, info, participatingRegions } = await requireReadableCase(db, request, context, params.caseId);
  if (!canSeeReview(user, info, participatingRegions)) forbidden(t.diffForbidden);
  const onlyChanges = parseQuery(request, diffQuery).changed === "1";
  const url = new URL(request.url);
  const versions = await listVersions(db, row.id);
  const exists = (v: number) => versions.some((x) => x.version === v);
  const submissions = versions.filter((v) => v.kind === "submission").map((v) => v.version);

  let to = versionParam(url, "to");
  let from = versionParam(url, "from");
  for (const v of [to, from]) if (v !== null && !exists(v)) throw data({ message: t.diffVersionMissing(v) }, { status: 404 });
  to ??= submissions.at(-1) ?? versions.at(-1)?.version ?? null;
  if (to !== null && from === null && !url.searchParams.has("from")) {
    const target = to;
    from = [...submissions].reverse().find((v) => v < target) ?? null;
  }

  const versionOptions = versions.map((v) => ({
    version: v.version,
    label: t.versionOption(v.version, t.versionKinds[v.kind] ?? v.kind, formatDateTime(v.createdAt)),
  }));
  const base = { caseId: row.id, title: row.title, versionOptions, from, to, onlyChanges };
  if (to === null) return { ...base, sections: null, comments: [], changedCount: 0, notice: t.diffNoVersions };

  const [toContent, fromContent, regionNames, categoryRows] = await Promise.all([
    getCaseContent(db, row.id, to),
    from !== null ? getCaseContent(db, row.id, from) : Promise.resolve(null),
    regionNameMap(db),
    listCategories(db),
  ]);
  if (!toContent) throw data({ message: t.diffVersionMissing(to) }, { status: 404 });
  if (from === null || !fromContent) return { ...base, sections: null, comments: [], changedCount: 0, notice: t.diffNoPrevious };

  const diff = diffCases(fromContent, toContent, { regionNames, categoryNames: Object.fromEntries(categoryRows.map((c) => [c.code, c.name])) });
  // The review comments, as they stand against the newer version: 已解决 / 未解决 / 已过时.
  const comments = statusList(await loadDiscussion(db, row.id, toContent), toContent);
  return {
    ...base,
    comments,
    changedCount: diff.changedCount,
    notice: null,
    sections: diff.sections.map((s) => ({ ...s, parts: onlyChanges ? elideUnchanged(s.parts) : s.parts })),
  };
}

export default function CaseDiffPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <section className="diff-page">
      <div className="page-header">
        <h1>
          {t.diffTitle}：{d.title}
        </h1>
        <Link to={`/cases/${d.caseId}`}>{t.diffBack}</Link>
      </div>
      <Form method="get" className="filters">
        <FilterSelect
          label={t.diffFrom}
          name="from"
          defaultValue={d.from}
          allLabel="—"
          options={d.versionOptions.map((o) => ({ value: o.version, label: o.label }))}
        />
        <FilterSelect
          label={t.diffTo}
          name="to"
          defaultValue={d.to}
          options={d.versionOptions.map((o) => ({ value: o.version, label: o.label }))}
        />
        <label className="checkbox">
          <input type="checkbox" name="changed" value="1" defaultChecked={d.onlyChanges} />
          {t.diffOnlyChanges}
        </label>
        <button type="submit" className="button">
          {t.diffCompare}
        </button>
      </Form>
      {d.notice ? <p className="empty">{d.notice}</p> : null}
      {d.sections ? (
        <>
          <p className="muted" data-testid="diff-summary">
            {t.diffSummary(d.changedCount)}
          </p>
          <DiffView sections={d.sections} collapseUnchanged={d.onlyChanges} />
          {d.comments.length ? (
            <section aria-labelledby="diff-comments-title">
              <h2 id="diff-comments-title">{t.diffComments}</h2>
              <CommentStatusList comments={d.comments} linkToThreads={false} />
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
