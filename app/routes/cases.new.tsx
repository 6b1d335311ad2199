import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientActionFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { editorAction } from "~/cases/drafts.server";
import { loadNewCasePage } from "~/cases/editor-load.server";
import { formStrings as t } from "~/cases/form-strings";
import { CaseEditor } from "~/cases/form/CaseEditor";
import { editorClientAction, editorShouldRevalidate } from "~/cases/form/client";
import { pageTitle } from "~/layout/title";
import { EditorCallPanel } from "~/calls/EditorCallPanel";

export const meta: MetaFunction = () => pageTitle(t.newCaseTitle);

/** Submitters with at least one region; the case is created on the first save. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadNewCasePage(request, context);
}

/** Submitters: create the case (lead region one of theirs), paste to fill, no-JS structure changes. */
export async function action({ request, context }: ActionFunctionArgs) {
  return editorAction({ request, context });
}

export const clientAction = (args: ClientActionFunctionArgs) => editorClientAction(args);
export const shouldRevalidate: ShouldRevalidateFunction = editorShouldRevalidate;

export default function NewCasePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <CaseEditor
        key="new"
        userId={data.userId}
        caseId={null}
        state={null}
        version={null}
        values={data.values}
        options={data.options}
        newCaseAction={data.call ? `/cases/new?call=${data.call.id}` : undefined}
      />
      <EditorCallPanel current={data.call} open={[]} />
    </>
  );
}
