/**
 * The action shared by /cases/new and /cases/:id/edit (epic-stack style): save, autosave,
 * deliberate overwrite after a conflict, submit for review, paste to fill, (without JavaScript)
 * adding, removing and moving parts of the form, and replying to review comments from the editor.
 * What the editor shows is in editor-load.server.ts.
 *
 * Rules enforced here, on the server:
 * - only submitters of the lead region edit, and only in the workflow's editable states
 *   (`canEditContent`); a new case's lead region must be one of the user's regions;
 * - every save names the version it started from; a save against a newer version is refused
 *   (409, both versions sent back), never applied;
 * - a draft needs a title, category and lead region (caseDraftSchema), a submission the full
 *   caseContentSchema;
 * - posts above MAX_EDITOR_POST_BYTES are refused with 413 before they are read.
 * Saves and submissions without JavaScript end with a redirect and a one-time message (flash).
 */
import { data, type AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import stringify from "safe-stable-stringify";
import { cases, users } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import { parseSingleCaseOffThread } from "~/import/parse-pool.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { actorOf, forbidden, requirePermission } from "~/permissions/require.server";
import type { SessionUser } from "~/auth/session.server";
import { reviewStrings as rt } from "~/review/strings";
import { CASE_STATE_LABELS, canEditContent, isCaseState } from "#workflows/case-review";
import { editorComment, parseCommentIntent } from "./editor-comments.server";
import { ATTACH_CALL_INTENT, callOfNewCase, editorAttachCall } from "~/calls/editor-call.server";
import { CallRefused } from "~/calls/access";
import { attachCaseIn } from "~/calls/call-cases.server";
import { loadEditorOptions, requireEditableCase } from "./editor-load.server";
import { readEditorPost } from "./editor-post.server";
import { CaseVersionConflict, getCaseContent, insertCase, writeNewVersion, type CaseRow } from "./cases.server";
import type { CaseContent } from "./content";
import { formStrings as s } from "./form-strings";
import { validateContent, type FlatErrors } from "./form/draft-schema";
import { FormDataError, formDataToValues } from "./form/form-data";
import { stripPageChrome } from "./form/page-chrome";
import type { EditorReply, OptionRow, SaveIntent } from "./form/reply";
import { applyStructureOp, contentToFormValues, parseOp, valuesToContent, type CaseFormValues, type StructureOp } from "./form/values";
import { displayName, TransitionRefused, transitionCase, workflowInfo } from "./transitions.server";


// ---------------------------------------------------------------------------------------------
// Checks that need the database

class NotEditable extends Error {
  constructor(readonly status: 403 | 404, message: string) {
    super(message);
  }
}

/** Category and participating regions must exist (active, or already used by the case). */
async function referenceErrors(db: Executor, user: SessionUser, content: CaseContent, current: CaseContent | null): Promise<FlatErrors> {
  const options = await loadEditorOptions(db, user, current ?? undefined);
  const errors: FlatErrors = {};
  const usable = (list: OptionRow[], code: string, kept: readonly string[]) => list.some((o) => o.code === code && (o.active || kept.includes(code)));
  if (content.category && !usable(options.categories, content.category, current ? [current.category] : [])) errors.category = s.categoryInvalid;
  content.regions.forEach((code, i) => {
    if (!usable(options.regions, code, current?.regions ?? [])) errors[`regions.${i}`] ??= s.regionInvalid;
  });
  if (Object.keys(errors).some((k) => k.startsWith("regions."))) errors.regions ??= s.regionInvalid;
  return errors;
}

const sameContent = (a: unknown, b: unknown) => stringify(a) === stringify(b);

async function auditSave(tx: Transaction, user: SessionUser, context: AppLoadContext, caseId: string, kind: "save" | "autosave", before: number, after: number, overwrote: boolean) {
  await recordAudit(tx, actorOf(context, user), {
    action: kind === "autosave" ? "case.autosave" : "case.save",
    entityType: "case",
    entityId: caseId,
    before: { version: before },
    after: { version: after, ...(overwrote ? { overwrote: true } : {}) },
  });
}

/**
 * Writes `content` as the next version of the case, inside `tx`, if the case is still editable by
 * the user and still at `baseVersion`. Unchanged content writes nothing.
 */
async function saveInTransaction(
  tx: Transaction,
  user: SessionUser,
  context: AppLoadContext,
  input: { caseId: string; baseVersion: number; content: CaseContent; kind: "save" | "autosave"; overwrote: boolean },
): Promise<{ version: number; unchanged: boolean; state: string }> {
  // Lock the row: a transition (submit, withdraw…) waits for this save, or this save sees its result.
  const [row] = await tx.select().from(cases).where(eq(cases.id, input.caseId)).for("update");
  if (!row) throw new NotEditable(404, s.caseGone);
  const info = await workflowInfo(tx, row);
  if (!canEditContent(user, info)) {
    throw new NotEditable(403, user.regions.includes(row.leadRegion) ? s.notEditable(isCaseState(row.state) ? CASE_STATE_LABELS[row.state] : row.state) : s.notLeadRegion);
  }
  const current = await getCaseContent(tx, row.id, row.version);
  // Nothing to write when the case already holds exactly this content (e.g. another tab of the same
  // person saved it first): not a conflict, whatever version the save started from.
  if (current && sameContent(current, input.content)) return { version: row.version, unchanged: true, state: row.state };
  if (row.version !== input.baseVersion) throw new CaseVersionConflict(row.version);
  const version = await writeNewVersion(tx, { caseId: row.id, baseVersion: input.baseVersion, content: input.content, userId: user.id, kind: input.kind });
  await auditSave(tx, user, context, row.id, input.kind, input.baseVersion, version, input.overwrote);
  return { version, unchanged: false, state: row.state };
}

async function createInTransaction(tx: Transaction, user: SessionUser, context: AppLoadContext, content: CaseContent, kind: "save" | "autosave") {
  const id = await insertCase(tx, { content, state: "draft", createdBy: user.id, kind });
  await recordAudit(tx, actorOf(context, user), {
    action: "case.create",
    entityType: "case",
    entityId: id,
    after: { version: 1, state: "draft", title: content.title, category: content.category, leadRegion: content.leadRegion, kind },
  });
  return id;
}

async function conflictReply(intent: SaveIntent, caseId: string, values: CaseFormValues, baseVersion: number | null) {
  const db = getDb();
  const [row] = await db
    .select({ version: cases.version, updatedAt: cases.updatedAt, updatedByName: users.displayName })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.updatedBy))
    .where(eq(cases.id, caseId));
  const theirs = row ? await getCaseContent(db, caseId, row.version) : null;
  if (!row || !theirs) return reply({ kind: "error", status: 404, message: s.caseGone, values, baseVersion }, 404);
  return reply(
    {
      kind: "conflict",
      intent,
      message: s.conflictTitle,
      values,
      baseVersion,
      serverVersion: row.version,
      theirs,
      theirsValues: contentToFormValues(theirs),
      updatedByName: row.updatedByName,
      updatedAt: row.updatedAt.toISOString(),
    },
    409,
  );
}

const reply = (body: EditorReply, status = 200) => data(body, { status });

// ---------------------------------------------------------------------------------------------
// The action shared by /cases/new and /cases/:id/edit

type Intent = { type: SaveIntent; overwriteVersion?: number } | { type: "paste" } | { type: "op"; value: string };

function parseIntent(value: string): Intent | null {
  if (value === "save" || value === "autosave" || value === "submit") return { type: value };
  if (value === "paste") return { type: "paste" };
  const overwrite = /^overwrite:(\d{1,9})$/.exec(value);
  if (overwrite) return { type: "overwrite", overwriteVersion: Number(overwrite[1]) };
  if (value.startsWith("op:")) return { type: "op", value };
  return null;
}

export async function editorAction({ request, context, caseId }: { request: Request; context: AppLoadContext; caseId?: string }) {
  const db = getDb();
  // Who may post: a submitter creating for their region, or editing a case of their lead region.
  let user: SessionUser;
  let row: CaseRow | null = null;
  if (caseId === undefined) {
    user = requirePermission(request, context, "case:create:own-region");
    if (user.regions.length === 0) forbidden(s.noRegion);
  } else {
    ({ user, row } = await requireEditableCase(db, request, context, caseId));
  }

  const post = await readEditorPost(request);
  if (!post.ok) return reply({ kind: "error", status: post.status, message: post.message }, post.status);
  const { formData } = post;
  const field = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : "";
  };
  const commentIntent = row ? parseCommentIntent(field("intent")) : null;
  if (row && commentIntent) return editorComment({ user, context, row, formData, intent: commentIntent, js: field("js") === "1" });
  if (row && field("intent") === ATTACH_CALL_INTENT) return editorAttachCall({ user, context, row, formData });
  const intent = parseIntent(field("intent"));
  if (!intent) return reply({ kind: "error", status: 400, message: s.unknownIntent }, 400);

  let values: CaseFormValues;
  try {
    values = formDataToValues(formData);
  } catch (error) {
    if (error instanceof FormDataError) return reply({ kind: "error", status: 400, message: error.message }, 400);
    throw error;
  }

  // The version the editor started from (existing cases only); echoed with every re-rendered form.
  let baseVersion: number | null = null;
  if (row) {
    const raw = field("baseVersion");
    baseVersion = /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
    if (baseVersion === null) return reply({ kind: "error", status: 400, message: s.baseVersionInvalid, values, baseVersion: row.version }, 400);
  }

  if (intent.type === "op") {
    const op = parseOp(intent.value);
    const next = op ? applyStructureOp(values, op) : null;
    if (!op || !next) return reply({ kind: "error", status: 400, message: s.unknownIntent, values, baseVersion }, 400);
    return reply({ kind: "restructured", values: next, baseVersion, focus: focusAfter(op, next) });
  }

  if (intent.type === "paste") return pasteReply(db, user, values, baseVersion, field("pasteText"));

  // Saving: save, autosave, overwrite (after a conflict), submit.
  const content = valuesToContent(values);
  if (content.leadRegion && !user.regions.includes(content.leadRegion)) forbidden(s.leadRegionNotYours);
  const mode = intent.type === "submit" ? "submit" : "draft";
  const current = row ? await getCaseContent(db, row.id, row.version) : null;
  const checked = validateContent(content, mode);
  const refErrors = await referenceErrors(db, user, content, current);
  if (!checked.ok || Object.keys(refErrors).length) {
    const errors = { ...refErrors, ...(checked.ok ? {} : checked.errors) };
    return reply({ kind: "invalid", intent: intent.type, message: mode === "submit" ? s.invalidSubmit : s.invalidDraft, errors, values, baseVersion }, 400);
  }
  const valid = checked.content;
  const js = field("js") === "1";
  const kind = intent.type === "autosave" ? "autosave" : "save";

  try {
    if (!row) {
      const answering = callOfNewCase(request);
      const result = await db.transaction(async (tx) => {
        const id = await createInTransaction(tx, user, context, valid, kind);
        // Created from a call (/cases/new?call=N): under it from the first save, or not at all.
        if (answering !== null) await attachCaseIn(tx, user, actorOf(context, user), answering, id);
        if (intent.type === "submit") await transitionCase(user, actorOf(context, user), { caseId: id, action: "submit", expectedVersion: 1 }, tx);
        return id;
      });
      if (intent.type === "submit") throw await redirectWithFlash(`/cases/${result}`, rt.flash.transition("submit", valid.title, "submitted", null));
      // The redirect names what was stored (?saved=…): the acknowledgement; the message is the flash.
      if (!js) throw await redirectWithFlash(`/cases/${result}/edit?saved=created`, rt.flash.created(valid.title));
      return reply({ kind: "saved", intent: intent.type, caseId: result, version: 1, savedAt: new Date().toISOString(), created: true, unchanged: false });
    }
    const editing = row;
    const base = intent.type === "overwrite" ? intent.overwriteVersion! : baseVersion!;
    const saved = await db.transaction(async (tx) => {
      const result = await saveInTransaction(tx, user, context, { caseId: editing.id, baseVersion: base, content: valid, kind, overwrote: intent.type === "overwrite" });
      if (intent.type === "submit") {
        const action = result.state === "changes_requested" ? "resubmit" : "submit";
        const moved = await transitionCase(user, actorOf(context, user), { caseId: editing.id, action, expectedVersion: result.version }, tx);
        return { ...result, action, moved, holder: moved.claimedBy ? await displayName(tx, moved.claimedBy) : null };
      }
      return { ...result, action: null, moved: null, holder: null };
    });
    if (saved.moved && saved.action) throw await redirectWithFlash(`/cases/${editing.id}`, rt.flash.transition(saved.action, valid.title, saved.moved.to, saved.holder));
    if (!js) throw await redirectWithFlash(`/cases/${editing.id}/edit?saved=${saved.version}`, rt.flash.saved(valid.title, saved.version));
    return reply({ kind: "saved", intent: intent.type, caseId: editing.id, version: saved.version, savedAt: new Date().toISOString(), created: false, unchanged: saved.unchanged });
  } catch (error) {
    if (error instanceof CaseVersionConflict && row) return conflictReply(intent.type, row.id, values, baseVersion);
    if (error instanceof NotEditable) forbiddenOr404(error);
    if (error instanceof TransitionRefused) return reply({ kind: "error", status: error.status, message: error.message, values, baseVersion }, error.status);
    if (error instanceof CallRefused) return reply({ kind: "error", status: error.status, message: error.message, values, baseVersion }, error.status);
    throw error;
  }
}

function forbiddenOr404(error: NotEditable): never {
  if (error.status === 404) throw data({ message: error.message }, { status: 404 });
  forbidden(error.message);
}

function valueAtPath(root: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), root);
}

/** The path of the part a no-JavaScript structure change is about, for the page to scroll to. */
function focusAfter(op: StructureOp, next: CaseFormValues): string | null {
  if (op.verb === "add") return `${op.path}.${(valueAtPath(next, op.path) as unknown[]).length - 1}`;
  if (op.verb === "up" || op.verb === "down") {
    const segments = op.path.split(".");
    const index = Number(segments.pop()) + (op.verb === "up" ? -1 : 1);
    return [...segments, index].join(".");
  }
  return op.verb === "remove" ? null : op.path;
}

async function pasteReply(db: Executor, user: SessionUser, values: CaseFormValues, baseVersion: number | null, text: string) {
  if (!text.trim()) return reply({ kind: "paste-failed", message: s.pasteEmpty, problems: [], values, baseVersion }, 400);
  const page = stripPageChrome(text);
  const parsed = await parseSingleCaseOffThread(page.text);
  if (!parsed.ok) return reply({ kind: "paste-failed", message: s.pasteFailed, problems: parsed.errors.map((e) => e.message), values, baseVersion }, 400);
  const options = await loadEditorOptions(db, user);
  const names = new Map(options.regions.map((r) => [r.code, r.name]));
  const proposed = parsed.proposedRegions.filter((code) => code !== values.leadRegion && options.regions.some((r) => r.code === code && r.active));
  const content: CaseContent = {
    ...parsed.content,
    category: values.category,
    leadRegion: values.leadRegion,
    regions: proposed.length ? proposed : values.regions.filter((r) => r !== values.leadRegion),
  };
  const recognised = [...parsed.recognised];
  if (page.strippedLines) recognised.push(s.pasteChromeIgnored(page.strippedLines));
  if (proposed.length) recognised.push(s.pasteRegions(proposed.map((c) => names.get(c) ?? c).join("、")));
  return reply({ kind: "pasted", values: contentToFormValues(content), baseVersion, recognised, warnings: parsed.warnings.map((w) => w.message) });
}
