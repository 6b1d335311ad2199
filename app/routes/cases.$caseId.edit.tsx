import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientActionFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { editorAction } from "~/cases/drafts.server";
import { loadEditCasePage } from "~/cases/editor-load.server";
import { formStrings as t } from "~/cases/form-strings";
import { CaseEditor } from "~/cases/form/CaseEditor";
import { editorClientAction, editorShouldRevalidate } from "~/cases/form/client";
import { pageTitle } from "~/layout/title";
import { EditorCallPanel } from "~/calls/EditorCallPanel";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(t.editCaseTitle(data?.values.title ?? ""));

/** Submitters of the lead region, while the workflow allows editing (draft, changes requested). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadEditCasePage(request, context, params.caseId);
}

/** Same people: save, autosave, overwrite after a conflict, submit for review, paste, no-JS structure changes. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  return editorAction({ request, context, caseId: params.caseId ?? "" });
}

export const clientAction = (args: ClientActionFunctionArgs) => editorClientAction(args);
export const shouldRevalidate: ShouldRevalidateFunction = editorShouldRevalidate;

export default function EditCasePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <CaseEditor
      key={data.caseId}
      userId={data.userId}
      caseId={data.caseId}
      state={data.state}
      version={data.version}
      values={data.values}
      options={data.options}
      review={data.review}
      />
      <EditorCallPanel current={data.call.current} open={data.call.open} />
    </>
  );
}
