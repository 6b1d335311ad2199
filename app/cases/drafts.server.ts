/**
 * Writing cases: the create and edit pages share this module (epic-stack style). It loads what
 * the editor needs, and answers every post of the editor — save, autosave, deliberate overwrite
 * after a conflict, submit for review, paste to fill, and (without JavaScript) adding, removing
 * and moving parts of the form.
 *
 * Rules enforced here, on the server:
 * - only submitters of the lead region edit, and only in the workflow's editable states
 *   (`canEditContent`); a new case's lead region must be one of the user's regions;
 * - every save names the version it started from; a save against a newer version is refused
 *   (409, both versions sent back), never applied;
 * - a draft needs a title, category and lead region (caseDraftSchema), a submission the full
 *   caseContentSchema;
 * - posts above MAX_EDITOR_POST_BYTES are refused with 413 before they are read.
 */
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { asc, eq, inArray, or } from "drizzle-orm";
import stringify from "safe-stable-stringify";
import { cases, categories, regions, users } from "#db/schema";
import { recordAudit } from "~/audit/audit.server";
import { getDb, type Executor, type Transaction } from "~/db/db.server";
import { parseSingleCase } from "~/import";
import { actorOf, forbidden, requirePermission } from "~/permissions/require.server";
import type { SessionUser } from "~/auth/session.server";
import { CASE_STATE_LABELS, canEditContent, isCaseState, type CaseWorkflowInfo } from "#workflows/case-review";
import { requireReadableCase } from "./access.server";
import { CaseVersionConflict, getCaseContent, insertCase, writeNewVersion, type CaseRow } from "./cases.server";
import type { CaseContent } from "./content";
import { formStrings as s } from "./form-strings";
import { validateContent, type FlatErrors } from "./form/draft-schema";
import { FormDataError, formDataToValues } from "./form/form-data";
import { stripPageChrome } from "./form/page-chrome";
import { MAX_EDITOR_POST_BYTES, type EditorOptions, type EditorReply, type OptionRow, type SaveIntent } from "./form/reply";
import { applyStructureOp, contentToFormValues, emptyFormValues, parseOp, valuesToContent, type CaseFormValues, type StructureOp } from "./form/values";
import { TransitionRefused, transitionCase, workflowInfo } from "./transitions.server";


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

function assertEditable(user: SessionUser, info: CaseWorkflowInfo) {
  if (canEditContent(user, info)) return;
  if (!user.regions.includes(info.leadRegion)) forbidden(s.notLeadRegion);
  forbidden(s.notEditable(isCaseState(info.state) ? CASE_STATE_LABELS[info.state] : info.state));
}

/** A case the current user may edit, or a thrown 403/404. */
async function requireEditableCase(db: Executor, request: Request, context: AppLoadContext, caseId: string | undefined) {
  const user = requirePermission(request, context, "case:edit:own-region");
  const { row, info } = await requireReadableCase(db, request, context, caseId);
  assertEditable(user, info);
  return { user, row, info };
}

export async function loadNewCasePage(request: Request, context: AppLoadContext) {
  const user = requirePermission(request, context, "case:create:own-region");
  if (user.regions.length === 0) forbidden(s.noRegion);
  const options = await loadEditorOptions(getDb(), user);
  const leadRegion = options.ownRegions[0]?.code ?? user.regions[0];
  return { userId: user.id, options, values: emptyFormValues({ leadRegion }) };
}

export async function loadEditCasePage(request: Request, context: AppLoadContext, caseId: string | undefined) {
  const db = getDb();
  const { user, row } = await requireEditableCase(db, request, context, caseId);
  const content = await getCaseContent(db, row.id, row.version);
  if (!content) throw data({ message: s.caseGone }, { status: 404 });
  const options = await loadEditorOptions(db, user, content);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    userId: user.id,
    caseId: row.id,
    state: row.state,
    version: row.version,
    content,
    values: contentToFormValues(content),
    options,
    notice: saved === "created" ? s.createdNotice : saved ? s.savedNotice : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the post

/**
 * The editor's post, read with a size limit: a declared Content-Length above the limit is refused
 * before reading; a body without one is read up to the limit and refused past it.
 */
export async function readEditorPost(request: Request): Promise<{ ok: true; formData: FormData } | { ok: false; status: 400 | 413; message: string }> {
  const tooLarge = { ok: false as const, status: 413 as const, message: s.tooLarge(MAX_EDITOR_POST_BYTES / 1024 / 1024) };
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_EDITOR_POST_BYTES) return tooLarge;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType) || !request.body) {
    return { ok: false, status: 400, message: s.malformed };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_EDITOR_POST_BYTES) {
        await reader.cancel().catch(() => {});
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, message: s.malformed };
  }
  try {
    const body = new Blob(chunks as BlobPart[]);
    const formData = await new Request("http://local/", { method: "POST", body, headers: { "content-type": contentType } }).formData();
    return { ok: true, formData };
  } catch {
    return { ok: false, status: 400, message: s.malformed };
  }
}

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
      const result = await db.transaction(async (tx) => {
        const id = await createInTransaction(tx, user, context, valid, kind);
        if (intent.type === "submit") await transitionCase(user, actorOf(context, user), { caseId: id, action: "submit", expectedVersion: 1 }, tx);
        return id;
      });
      if (intent.type === "submit") throw redirect(`/cases/${result}`);
      if (!js) throw redirect(`/cases/${result}/edit?saved=created`);
      return reply({ kind: "saved", intent: intent.type, caseId: result, version: 1, savedAt: new Date().toISOString(), created: true, unchanged: false });
    }
    const editing = row;
    const base = intent.type === "overwrite" ? intent.overwriteVersion! : baseVersion!;
    const saved = await db.transaction(async (tx) => {
      const result = await saveInTransaction(tx, user, context, { caseId: editing.id, baseVersion: base, content: valid, kind, overwrote: intent.type === "overwrite" });
      if (intent.type === "submit") {
        const action = result.state === "changes_requested" ? "resubmit" : "submit";
        await transitionCase(user, actorOf(context, user), { caseId: editing.id, action, expectedVersion: result.version }, tx);
      }
      return result;
    });
    if (intent.type === "submit") throw redirect(`/cases/${editing.id}`);
    if (!js) throw redirect(`/cases/${editing.id}/edit?saved=${saved.version}`);
    return reply({ kind: "saved", intent: intent.type, caseId: editing.id, version: saved.version, savedAt: new Date().toISOString(), created: false, unchanged: saved.unchanged });
  } catch (error) {
    if (error instanceof CaseVersionConflict && row) return conflictReply(intent.type, row.id, values, baseVersion);
    if (error instanceof NotEditable) forbiddenOr404(error);
    if (error instanceof TransitionRefused) return reply({ kind: "error", status: error.status, message: error.message, values, baseVersion }, error.status);
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
  const parsed = parseSingleCase(page.text);
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
