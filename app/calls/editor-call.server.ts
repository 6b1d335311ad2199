/**
 * The call a case answers, chosen from the editor (issue #16): the open calls its lead region is
 * invited to, each with its deadline, and intent=attach-call posted by a small form of its own
 * beside the editor (the case's content is not part of it, so nothing typed is touched). The rules
 * are attachCase's: open call, invited region, the call's categories; the submission itself is
 * checked again by the case workflow (deadline, categories, quota).
 */
import { data, type AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { calls } from "#db/schema";
import type { SessionUser } from "~/auth/session.server";
import type { CaseRow } from "~/cases/cases.server";
import type { EditorReply } from "~/cases/form/reply";
import type { Executor } from "~/db/db.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { actorOf } from "~/permissions/require.server";
import { serverNow } from "~/clock.server";
import { CallRefused } from "./access";
import { attachCase } from "./call-cases.server";
import { listCalls } from "./calls.server";
import { callStrings as t } from "./strings";

export const ATTACH_CALL_INTENT = "attach-call";

export type EditorCallPanel = {
  current: { id: number; title: string; deadline: Date } | null;
  open: { id: number; title: string; deadline: Date }[];
};

export async function editorCallPanel(db: Executor, user: SessionUser, row: Pick<CaseRow, "leadRegion" | "callId">, now = serverNow()): Promise<EditorCallPanel> {
  const [open, [current]] = await Promise.all([
    listCalls(db, user, now, { openOnly: true }),
    row.callId ? db.select({ id: calls.id, title: calls.title, deadline: calls.deadline }).from(calls).where(eq(calls.id, row.callId)) : Promise.resolve([]),
  ]);
  return {
    current: current ?? null,
    open: open.filter((c) => c.regions.includes(row.leadRegion) && c.id !== row.callId).map((c) => ({ id: c.id, title: c.title, deadline: c.deadline })),
  };
}

/** The call a new case answers: `?call=N` on /cases/new (from the call's page), else null. */
export function callOfNewCase(request: Request): number | null {
  const raw = new URL(request.url).searchParams.get("call");
  return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/** For /cases/new?call=N: the call, if it is open and invites one of the user's regions (else the page ignores it). */
export async function newCaseCallPanel(db: Executor, user: SessionUser, request: Request, now = serverNow()) {
  const id = callOfNewCase(request);
  if (id === null) return null;
  const call = (await listCalls(db, user, now, { openOnly: true })).find((c) => c.id === id && c.regions.some((r) => user.regions.includes(r)));
  return call ? { id: call.id, title: call.title, deadline: call.deadline } : null;
}

/** intent=attach-call with callId: success → back to the editor with a message; refusal → the editor's error reply (4xx). */
export async function editorAttachCall(input: { user: SessionUser; context: AppLoadContext; row: CaseRow; formData: FormData }) {
  const raw = input.formData.get("callId");
  const callId = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  if (callId === null) return data<EditorReply>({ kind: "error", status: 400, message: t.notFound }, { status: 400 });
  try {
    await attachCase(input.user, actorOf(input.context, input.user), callId, input.row.id, serverNow());
  } catch (error) {
    if (!(error instanceof CallRefused)) throw error;
    return data<EditorReply>({ kind: "error", status: error.status, message: error.message }, { status: error.status });
  }
  throw await redirectWithFlash(`/cases/${input.row.id}/edit`, t.attached);
}

