import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BatchStateBadge } from "~/batches/components";
import { batchNumberParam } from "~/batches/params";
import { ProofPages } from "~/batches/ProofPages";
import { loadProof, requireExportReader } from "~/batches/proofs.server";
import { batchErrors, batchNumberLabel, proofStrings as t } from "~/batches/strings";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { PdfUnavailable } from "~/bulletin/pdf.server";
import { getDb } from "~/db/db.server";

/**
 * The proof of a batch: every page of its PDF as an image. Who may see it is who may download the
 * PDF (a published bulletin: anyone; a batch not yet published: publishers; else 404). The batch
 * page loads the same data with a fetcher to show the pages in place.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const number = batchNumberParam(params.number);
  const db = getDb();
  const batch = requireExportReader(request, context, await getBatchByNumber(db, number));
  try {
    const proof = await loadProof(db, batch);
    return { number, state: batch.state, version: proof.key, pages: proof.pages, error: null };
  } catch (error) {
    if (error instanceof PdfUnavailable) return data({ number, state: batch.state, version: "", pages: [], error: error.message }, { status: 503 });
    throw error;
  }
}

export default function ProofPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <section className="proof-page">
      <div className="page-header">
        <h1>
          {t.pageTitle(d.number)} <BatchStateBadge state={d.state} />
        </h1>
        <p>
          <Link to={`/batches/${d.number}`}>← {t.back}</Link>
          {" · "}
          <a href={`/bulletins/${d.number}/download/pdf`} download>
            {t.download}
          </a>
        </p>
      </div>
      <p className="muted">{t.intro}</p>
      {d.error ? <p className="form-error">{d.error}</p> : <ProofPages number={d.number} version={d.version} pages={d.pages} />}
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? t.pageTitle(data.number) : t.title }];
