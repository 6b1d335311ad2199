import type { WorkflowActor } from "#workflows/shared";

/** A call action refused: the message (in the reader's language), the HTTP status to answer with, the form field it concerns. */
export class CallRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Who can see a call: those who manage calls, readers of all cases, and submitters of an invited region. */
export function canSeeCall(user: WorkflowActor, invited: readonly string[]) {
  if (user.roles.some((r) => r === "publisher" || r === "admin" || r === "reviewer")) return true;
  return user.regions.some((r) => invited.includes(r));
}
