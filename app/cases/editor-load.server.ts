/**
 * What the case editor shows: the choices of its selects, and the page data of /cases/new and
 * /cases/:id/edit — the case's values and, on a case under review, the review conversation.
 */
import { data, type AppLoadContext } from "@remix-run/node";
import { asc, eq, inArray, or } from "drizzle-orm";
import { categories, regions } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import { getDb, type Executor } from "~/db/db.server";
import { forbidden, requirePermission } from "~/permissions/require.server";
import { canComment } from "~/review/access";
import { loadDiscussion, returnedFor } from "~/review/conversation.server";
import { CASE_STATE_LABELS, canEditContent, isCaseState, type CaseWorkflowInfo } from "#workflows/case-review";
import { requireReadableCase } from "./access.server";
import { getCaseContent } from "./cases.server";
import type { CaseContent } from "./content";
import { formStrings as s } from "./form-strings";
import type { EditorOptions } from "./form/reply";
import { contentToFormValues, emptyFormValues } from "./form/values";
import { editorCallPanel, newCaseCallPanel } from "~/calls/editor-call.server";

// ---------------------------------------------------------------------------------------------
// What the editor shows


/** Active categories and regions, plus inactive ones the case already uses (so they stay visible). */
export async function loadEditorOptions(db: Executor, user: SessionUser, current?: Pick<CaseContent, "category" | "leadRegion" | "regions">): Promise<EditorOptions> {
  // codes read from the database (the case, the user), never from a post
  const kept = [...new Set([...(current ? [current.leadRegion, ...current.regions] : []), ...user.regions])];
  const [cats, regs] = await Promise.all([
    db
      .select({ code: categories.code, name: categories.name, active: categories.active })
      .from(categories)
      .where(current?.category ? or(eq(categories.active, true), eq(categories.code, current.category)) : eq(categories.active, true))
      .orderBy(asc(categories.sortOrder), asc(categories.code)),
    db
      .select({ code: regions.code, name: regions.name, active: regions.active })
      .from(regions)
      .where(or(eq(regions.active, true), ...(kept.length ? [inArray(regions.code, kept)] : [])))
      .orderBy(asc(regions.sortOrder), asc(regions.code)),
  ]);
  return { categories: cats, regions: regs, ownRegions: regs.filter((r) => user.regions.includes(r.code)) };
}

export function assertEditable(user: SessionUser, info: CaseWorkflowInfo) {
  if (canEditContent(user, info)) return;
  if (!user.regions.includes(info.leadRegion)) forbidden(s.notLeadRegion);
  forbidden(s.notEditable(isCaseState(info.state) ? CASE_STATE_LABELS[info.state] : info.state));
}

/** A case the current user may edit, or a thrown 403/404. */
export async function requireEditableCase(db: Executor, request: Request, context: AppLoadContext, caseId: string | undefined) {
  const user = requirePermission(request, context, "case:edit:own-region");
  const { row, info, participatingRegions } = await requireReadableCase(db, request, context, caseId);
  assertEditable(user, info);
  return { user, row, info, participatingRegions };
}

export async function loadNewCasePage(request: Request, context: AppLoadContext) {
  const user = requirePermission(request, context, "case:create:own-region");
  if (user.regions.length === 0) forbidden(s.noRegion);
  const [options, call] = await Promise.all([loadEditorOptions(getDb(), user), newCaseCallPanel(getDb(), user, request)]);
  const leadRegion = options.ownRegions[0]?.code ?? user.regions[0];
  return { userId: user.id, options, values: emptyFormValues({ leadRegion }), call };
}

export async function loadEditCasePage(request: Request, context: AppLoadContext, caseId: string | undefined) {
  const db = getDb();
  const { user, row, info, participatingRegions } = await requireEditableCase(db, request, context, caseId);
  const content = await getCaseContent(db, row.id, row.version);
  if (!content) throw data({ message: s.caseGone }, { status: 404 });
  const [options, discussion, returned, call] = await Promise.all([loadEditorOptions(db, user, content), loadDiscussion(db, row.id, content), returnedFor(db, row), editorCallPanel(db, user, row)]);
  return {
    userId: user.id,
    caseId: row.id,
    state: row.state,
    version: row.version,
    content,
    values: contentToFormValues(content),
    options,
    call,
    review:
      discussion.groups.length || returned
        ? { groups: discussion.groups, openCount: discussion.openCount, returned, canWrite: canComment(user, info, participatingRegions) }
        : null,
  };
}

