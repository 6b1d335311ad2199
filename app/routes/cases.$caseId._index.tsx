import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseDocument } from "~/bulletin/CaseDocument";
import { regionNameMap } from "~/bulletin/bulletins.server";
import { renderCaseModel } from "~/bulletin/render-model";
import { requireReadableCase } from "~/cases/access.server";
import { getCaseContent } from "~/cases/cases.server";
import { qualityWarnings } from "~/cases/content";
import { chineseNumeral } from "~/cases/content/numbering";
import { caseStrings as t } from "~/cases/strings";
import { getDb } from "~/db/db.server";
import { batches, categories } from "#db/schema";
import { eq } from "drizzle-orm";
import { CASE_STATE_LABELS, isCaseState } from "#workflows/case-review";
import { formatDateTime } from "~/ui/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.model.title ?? "案例" }];

/** Anyone who may read the case (workflow table's canRead): published cases, everyone signed in. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { row } = await requireReadableCase(db, request, context, params.caseId);
  const version = row.publishedVersion ?? row.version;
  const [content, regionNames, [category], [batch]] = await Promise.all([
    getCaseContent(db, row.id, version),
    regionNameMap(db),
    db.select({ name: categories.name }).from(categories).where(eq(categories.code, row.categoryCode)),
    row.batchId ? db.select({ number: batches.number }).from(batches).where(eq(batches.id, row.batchId)) : Promise.resolve([]),
  ]);
  if (!content) throw new Response("案例内容缺失", { status: 404 });
  return {
    id: row.id,
    state: row.state,
    version,
    updatedAt: row.updatedAt,
    batchNumber: batch?.number ?? null,
    model: renderCaseModel(content, { categoryName: category?.name, regionNames }),
    warnings: row.state === "published" ? [] : qualityWarnings(content),
  };
}

export default function CasePage() {
  const { state, version, updatedAt, batchNumber, model, warnings } = useLoaderData<typeof loader>();
  return (
    <article className="case-page">
      <dl className="case-meta">
        <div>
          <dt>{t.state}</dt>
          <dd data-testid="case-state">{isCaseState(state) ? CASE_STATE_LABELS[state] : state}</dd>
        </div>
        {batchNumber ? (
          <div>
            <dt>公报</dt>
            <dd>{t.batch(chineseNumeral(batchNumber))}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t.category}</dt>
          <dd>{model.categoryName}</dd>
        </div>
        <div>
          <dt>{t.leadRegion}</dt>
          <dd>{model.leadRegionName}</dd>
        </div>
        {model.regionNames.length ? (
          <div>
            <dt>{t.regions}</dt>
            <dd>{model.regionNames.join("、")}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t.updated}</dt>
          <dd>
            {formatDateTime(updatedAt)} · {t.version(version)}
          </dd>
        </div>
      </dl>
      {warnings.length ? (
        <aside className="quality-warnings">
          <h2>{t.qualityTitle}</h2>
          <p className="muted">{t.qualityHint}</p>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                {w.where}：{w.message}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <CaseDocument model={model} />
    </article>
  );
}
