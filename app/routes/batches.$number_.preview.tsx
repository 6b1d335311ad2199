import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadBulletinDocument } from "~/batches/exports.server";
import { BatchStateBadge } from "~/batches/components";
import { batchNumberParam } from "~/batches/params";
import { batchErrors, batchNumberLabel, batchStrings as t } from "~/batches/strings";
import { BulletinDocument, bulletinStylesheet } from "~/bulletin/BulletinDocument";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { getDb } from "~/db/db.server";
import { requirePermission } from "~/permissions/require.server";
import { pageTitle } from "~/layout/title";

export const links: LinksFunction = () => [bulletinStylesheet];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(t.preview, data && batchNumberLabel(data.number));

/** Publishers: the whole bulletin as it will be published (current versions of its cases). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission(request, context, "batch:compile:any");
  const number = batchNumberParam(params.number);
  const db = getDb();
  const batch = await getBatchByNumber(db, number);
  if (!batch) throw data({ message: batchErrors.notFound }, { status: 404 });
  const { model, errata } = await loadBulletinDocument(db, batch);
  return { number, state: batch.state, model, errata };
}

export default function PreviewPage() {
  const { number, state, model, errata } = useLoaderData<typeof loader>();
  return (
    <div className="bulletin-page">
      <div className="bulletin-page__bar no-print">
        <p>
          <Link to={`/batches/${number}`}>← {t.backToBatch}</Link> · {batchNumberLabel(number)} <BatchStateBadge state={state} />
        </p>
      </div>
      <BulletinDocument model={model} errata={errata} />
    </div>
  );
}
