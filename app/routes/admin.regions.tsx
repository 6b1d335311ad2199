import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ReferenceEditor } from "~/admin/ReferenceEditor";
import { loadReference, referenceAction } from "~/admin/reference-route.server";
import { adminStrings as t } from "~/admin/strings";

export const meta: MetaFunction = () => [{ title: t.regionsTitle }];

export const loader = ({ request, context }: LoaderFunctionArgs) => loadReference("region", request, context);
export const action = ({ request, context }: ActionFunctionArgs) => referenceAction("region", request, context);

export default function Page() {
  return <ReferenceEditor title={t.regionsTitle} withShortName={true} />;
}
