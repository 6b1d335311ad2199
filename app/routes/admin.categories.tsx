import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ReferenceEditor } from "~/admin/ReferenceEditor";
import { loadReference, referenceAction } from "~/admin/reference-route.server";
import { adminStrings as t } from "~/admin/strings";
import { pageTitle } from "~/layout/title";

export const meta: MetaFunction = () => pageTitle(t.categoriesTitle);

export const loader = ({ request, context }: LoaderFunctionArgs) => loadReference("category", request, context);
export const action = ({ request, context }: ActionFunctionArgs) => referenceAction("category", request, context);

export default function Page() {
  return <ReferenceEditor title={t.categoriesTitle} withShortName={false} />;
}
