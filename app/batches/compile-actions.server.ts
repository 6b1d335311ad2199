/**
 * The posts of the batch page, one per intent: each goes through batch-editing.server.ts or
 * batch-publishing.server.ts (which check the batch workflow table and the batch token, so two
 * publishers never overwrite each other), and ends with a redirect carrying a one-time message.
 * Publishing asks first.
 */
import { data } from "@remix-run/node";
import type { AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { redirectWithFlash } from "~/flash/flash.server";
import { hasPermission } from "~/permissions/permissions";
import { forbidden } from "~/permissions/require.server";
import { isConfirmed } from "~/ui/ConfirmSubmit";
import { fieldErrors, textField } from "~/ui/forms";
import { getBatchTransition, isBatchAction } from "#workflows/batch";
import { addCaseToBatch, moveCaseInBatch, moveCategoryInBatch, removeCaseFromBatch, setCaseCategory, updateBatchMeta, type Direction } from "./batch-editing.server";
import { addErratum, transitionBatch } from "./batch-publishing.server";
import { BatchRefused } from "./batches.server";
import { batchMetaSchema, erratumSchema } from "./schemas";
import { batchErrors, batchStrings as t } from "./strings";

export type ActionResult = { intent: string; error?: string; errors?: Record<string, string>; values?: Record<string, string>; confirm?: string };

const direction = (value: string): Direction | null => (value === "up" || value === "down" ? value : null);

export async function batchPageAction(user: SessionUser, actor: AuditActor, number: number, formData: FormData) {
  const intent = textField(formData, "intent");
  const token = textField(formData, "token");
  const caseId = textField(formData, "caseId");
  // Case ids are UUIDs: anything else names no case (and a NUL byte must not reach PostgreSQL).
  if (caseId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caseId)) {
    return data<ActionResult>({ intent, error: batchErrors.caseNotFound }, { status: 404 });
  }
  const categoryField = textField(formData, "categoryCode");
  if (categoryField && !/^[a-z][a-z0-9-]{0,63}$/.test(categoryField)) return data<ActionResult>({ intent, error: batchErrors.categoryNotFound }, { status: 400 });
  const back = (message: string, hash = "") => redirectWithFlash(`/batches/${number}${hash}`, message);
  try {
    switch (intent) {
      case "save-meta": {
        const values = { title: textField(formData, "title"), preface: textField(formData, "preface") };
        const parsed = batchMetaSchema.safeParse(values);
        if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 });
        await updateBatchMeta(user, actor, { number, token, ...parsed.data });
        return back(t.saved);
      }
      case "add-case":
        await addCaseToBatch(user, actor, { number, token, caseId, categoryCode: textField(formData, "categoryCode") || null });
        return back(t.saved, `#batch-case-${caseId}`);
      case "remove-case":
        await removeCaseFromBatch(user, actor, { number, token, caseId });
        return back(t.saved, "#batch-contents");
      case "move-case": {
        const dir = direction(textField(formData, "direction"));
        if (!dir) break;
        await moveCaseInBatch(user, actor, { number, token, caseId, direction: dir });
        return back(t.saved, `#batch-case-${caseId}`);
      }
      case "move-category": {
        const dir = direction(textField(formData, "direction"));
        const categoryCode = textField(formData, "categoryCode");
        if (!dir) break;
        await moveCategoryInBatch(user, actor, { number, token, categoryCode, direction: dir });
        return back(t.saved, `#batch-category-${categoryCode}`);
      }
      case "set-category":
        await setCaseCategory(user, actor, { number, token, caseId, categoryCode: textField(formData, "categoryCode") });
        return back(t.saved, `#batch-case-${caseId}`);
      case "transition": {
        const which = textField(formData, "action");
        if (which === "publish" && !hasPermission(user, "batch:publish:any")) forbidden();
        // Without JavaScript an unconfirmed irreversible step comes back as a confirmation step.
        if (isBatchAction(which) && getBatchTransition(which).irreversible && !isConfirmed(formData)) {
          await transitionBatch(user, actor, { number, token, action: which }, { dryRun: true });
          return data<ActionResult>({ intent, confirm: which });
        }
        await transitionBatch(user, actor, { number, token, action: which });
        return back(t.transitioned[which] ?? t.saved);
      }
      case "erratum": {
        if (!hasPermission(user, "batch:publish:any")) forbidden();
        const values = { body: textField(formData, "body") };
        const parsed = erratumSchema.safeParse(values);
        if (!parsed.success) return data<ActionResult>({ intent, errors: fieldErrors(parsed.error), values }, { status: 400 });
        await addErratum(user, actor, { number, body: parsed.data.body });
        return back(t.erratumAdded, "#errata");
      }
    }
  } catch (error) {
    if (error instanceof BatchRefused) return data<ActionResult>({ intent, error: error.message }, { status: error.status });
    throw error;
  }
  return data<ActionResult>({ intent, error: batchErrors.unknownIntent }, { status: 400 });
}
