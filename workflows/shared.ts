/**
 * Pieces shared by the case and batch workflows. Pure: no database, no framework.
 */
import type { Role } from "../app/permissions/permissions";
import { workflowMessages as wm } from "./strings";

/** Who is acting: the signed-in user as the workflows see them. */
export type WorkflowActor = { id: string; roles: Role[]; regions: string[] };

/** Longest reason (退回修改 / 不予采用 …) accepted, counted in characters after trimming. */
export const MAX_REASON_LENGTH = 2000;

export function hasAnyRole(actor: Pick<WorkflowActor, "roles">, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export type ReasonCheck =
  | { ok: true; reason: string | null }
  | { ok: false; code: "reason-required" | "reason-too-long"; message: string };

/**
 * Normalises a free-text reason: trimmed; empty becomes null. `required` makes a missing or
 * blank reason an error; any reason longer than MAX_REASON_LENGTH is an error.
 * Length counts Unicode code points, so one Chinese character is one character.
 */
export function checkReason(raw: string | null | undefined, required: boolean, actionLabel: string): ReasonCheck {
  const reason = typeof raw === "string" ? raw.trim() : "";
  if (reason === "") {
    if (required) return { ok: false, code: "reason-required", message: wm.reasonRequired(actionLabel) };
    return { ok: true, reason: null };
  }
  const length = [...reason].length;
  if (length > MAX_REASON_LENGTH) {
    return {
      ok: false,
      code: "reason-too-long",
      message: wm.reasonTooLong(MAX_REASON_LENGTH, length),
    };
  }
  return { ok: true, reason };
}
