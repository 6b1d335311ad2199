import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadBulletinDocument } from "~/batches/exports.server";
import { DownloadLinks } from "~/batches/components";
import { batchNumberParam } from "~/batches/params";
import { batchErrors, batchStrings as t } from "~/batches/strings";
import { BulletinDocument, bulletinStylesheet } from "~/bulletin/BulletinDocument";
import { getBatchByNumber } from "~/bulletin/bulletins.server";
import { chineseNumeral } from "~/cases/content/numbering";
import { getDb } from "~/db/db.server";
import { formatDateTime } from "~/ui/format";
import { pageTitle } from "~/layout/title";

export const links: LinksFunction = () => [bulletinStylesheet];

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.model.title ?? t.bulletinsTitle);

/** Public: a published bulletin, for anyone, signed in or not. Unpublished batches do not exist here. */
export async function loader({ params }: LoaderFunctionArgs) {
  const number = batchNumberParam(params.number);
  const db = getDb();
  const batch = await getBatchByNumber(db, number);
  if (!batch || batch.state !== "published") throw data({ message: batchErrors.notFound }, { status: 404 });
  const { model, errata } = await loadBulletinDocument(db, batch);
  return { number, model, errata, publishedAt: batch.publishedAt };
}

export default function BulletinPage() {
  const { number, model, errata, publishedAt } = useLoaderData<typeof loader>();
  return (
    <div className="bulletin-page">
      <div className="bulletin-page__bar no-print">
        <p className="muted">
          {publishedAt ? `${t.publishedAt}：${formatDateTime(publishedAt, "date")}` : null}
          {errata.length ? (
            <>
              {" · "}
              <a href="#errata">{t.errataNotice(errata.length)}</a>
            </>
          ) : null}
        </p>
        <DownloadLinks number={number} fileStem={`第${chineseNumeral(number)}批最佳实践案例`} />
      </div>
      <BulletinDocument model={model} errata={errata} />
    </div>
  );
}
