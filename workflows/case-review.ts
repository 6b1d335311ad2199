/**
 * The case workflow's pure functions over its table (case-review-table.ts, re-exported here with
 * the decisions it encodes): the guards, `decide` for one action, `availableActions` for the
 * buttons, and who may edit or read a case. Loaders/actions build a `CaseWorkflowInfo`, call
 * `decide`, and on `ok` write the new state and claim holder and run the named `effects`. Nothing
 * here touches the database or the framework.
 */
import { CASE_STATE_LABELS, CASE_TRANSITIONS, getCaseTransition, isCaseAction, type CaseAction, type CaseEffect, type CaseGuardName, type CaseState, type CaseTransition, type ClaimChange } from "./case-review-table";
import { checkReason, hasAnyRole, MAX_REASON_LENGTH, type WorkflowActor } from "./shared";
import { workflowMessages as wm } from "./strings";

export * from "./case-review-table";
export type { WorkflowActor } from "./shared";
export { MAX_REASON_LENGTH };

// ---------------------------------------------------------------------------------------------
// Guards

export type CaseWorkflowInfo = {
  state: CaseState;
  /** Region code of the lead (牵头) region. */
  leadRegion: string;
  /** Users who submitted or edited the case. */
  contributorIds: string[];
  /** Reviewer currently holding the case, or null. */
  claimedBy: string | null;
};

/** Extra input some actions need. */
export type CaseDecisionInput = {
  /** Free text; required (non-blank) for request_changes and reject; ≤ MAX_REASON_LENGTH. */
  reason?: string | null;
  /** For `assign`: the reviewer to hand the case to. */
  assignee?: Pick<WorkflowActor, "id" | "roles"> | null;
};

type GuardContext = {
  actor: WorkflowActor;
  caseInfo: CaseWorkflowInfo;
  transition: CaseTransition;
  input: CaseDecisionInput;
};
type GuardFailure = { code: "guard" | "invalid-input"; message: string };

type GuardDefinition = {
  description: string;
  /** Depends on `input` — skipped by availableActions (the UI collects the input). */
  usesInput: boolean;
  check: (ctx: GuardContext) => GuardFailure | null;
};

export function isLeadRegionSubmitter(actor: WorkflowActor, caseInfo: Pick<CaseWorkflowInfo, "leadRegion">): boolean {
  return actor.roles.includes("submitter") && actor.regions.includes(caseInfo.leadRegion);
}

function isContributor(actorId: string, caseInfo: CaseWorkflowInfo): boolean {
  return caseInfo.contributorIds.includes(actorId);
}

export const CASE_GUARDS: Record<CaseGuardName, GuardDefinition> = {
  "lead-region-submitter": {
    description: "仅限牵头地区的填报人员",
    usesInput: false,
    check: ({ actor, caseInfo, transition }) =>
      isLeadRegionSubmitter(actor, caseInfo)
        ? null
        : { code: "guard", message: wm.onlyLeadSubmitter(transition.label) },
  },
  "not-contributor": {
    description: "审核人不得审核本人填报或编辑过的案例",
    usesInput: false,
    check: ({ actor, caseInfo, transition }) =>
      isContributor(actor.id, caseInfo)
        ? { code: "guard", message: wm.contributor(transition.label) }
        : null,
  },
  "claim-holder-or-unclaimed": {
    description: "案例未被领取，或由本人领取",
    usesInput: false,
    check: ({ actor, caseInfo, transition }) =>
      caseInfo.claimedBy === null || caseInfo.claimedBy === actor.id
        ? null
        : { code: "guard", message: wm.claimedByOther(transition.label) },
  },
  "claim-holder": {
    description: "仅限领取该案例的审核人",
    usesInput: false,
    check: ({ actor, caseInfo, transition }) => {
      if (caseInfo.claimedBy === actor.id) return null;
      if (caseInfo.claimedBy === null) return { code: "guard", message: wm.notClaimed(transition.label) };
      return { code: "guard", message: wm.onlyHolder(transition.label) };
    },
  },
  "assignee-eligible": {
    description: "被指派人须为审核人，且未填报或编辑过该案例",
    usesInput: true,
    check: ({ caseInfo, input }) => {
      const assignee = input.assignee;
      if (!assignee || !assignee.id) return { code: "invalid-input", message: wm.chooseAssignee };
      if (!assignee.roles.includes("reviewer")) return { code: "guard", message: wm.assigneeNotReviewer };
      if (isContributor(assignee.id, caseInfo)) {
        return { code: "guard", message: wm.assigneeContributor };
      }
      return null;
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Decisions

export type CaseDecisionErrorCode =
  | "unknown-action"
  | "forbidden-role"
  | "wrong-state"
  | "guard"
  | "invalid-input"
  | "reason-required"
  | "reason-too-long";

export type CaseDecision =
  | {
      ok: true;
      action: CaseAction;
      from: CaseState;
      to: CaseState;
      /** The claim holder after the transition. */
      claimedBy: string | null;
      /** Trimmed reason, or null when none was given. */
      reason: string | null;
      effects: readonly CaseEffect[];
    }
  | {
      ok: false;
      code: CaseDecisionErrorCode;
      /** Set when code is "guard" or "invalid-input". */
      guard?: CaseGuardName;
      message: string;
    };

/**
 * May `actor` perform `action` on the case now? Checks, in order: the action exists, the actor
 * has one of its roles, the case is in one of its `from` states, each guard, then the reason.
 */
export function decide(
  actor: WorkflowActor,
  caseInfo: CaseWorkflowInfo,
  action: CaseAction | (string & {}),
  input: CaseDecisionInput = {},
): CaseDecision {
  if (!isCaseAction(action)) return { ok: false, code: "unknown-action", message: wm.unknownAction(action) };
  const transition = getCaseTransition(action);

  const pre = checkWithoutInput(actor, caseInfo, transition);
  if (pre) return pre;

  for (const name of transition.guards) {
    const guard = CASE_GUARDS[name];
    if (!guard.usesInput) continue;
    const failure = guard.check({ actor, caseInfo, transition, input });
    if (failure) return { ok: false, ...failure, guard: name };
  }

  const reason = checkReason(input.reason, transition.requiresReason, transition.label);
  if (!reason.ok) return { ok: false, code: reason.code, message: reason.message };

  const claimedBy = nextClaim(transition.claim, caseInfo, actor, input);
  return {
    ok: true,
    action,
    from: caseInfo.state,
    to: targetOf(transition, caseInfo.state, claimedBy),
    claimedBy,
    reason: reason.reason,
    effects: transition.effects,
  };
}

/** The state a transition leads to from `from`, with `claimedBy` holding the case afterwards. */
export function targetOf(transition: CaseTransition, from: CaseState, claimedBy: string | null): CaseState {
  const rule = transition.toWhen.find(
    (r) => (r.from === undefined || r.from === from) && (r.claimed === undefined || r.claimed === (claimedBy !== null)),
  );
  return rule?.to ?? transition.to;
}

function checkWithoutInput(
  actor: WorkflowActor,
  caseInfo: CaseWorkflowInfo,
  transition: CaseTransition,
): Extract<CaseDecision, { ok: false }> | null {
  if (!hasAnyRole(actor, transition.roles)) {
    return { ok: false, code: "forbidden-role", message: wm.forbiddenRole(transition.label) };
  }
  if (!transition.from.includes(caseInfo.state)) {
    return {
      ok: false,
      code: "wrong-state",
      message: wm.caseWrongState(CASE_STATE_LABELS[caseInfo.state] ?? caseInfo.state, transition.label),
    };
  }
  for (const name of transition.guards) {
    const guard = CASE_GUARDS[name];
    if (guard.usesInput) continue;
    const failure = guard.check({ actor, caseInfo, transition, input: {} });
    if (failure) return { ok: false, ...failure, guard: name };
  }
  return null;
}

function nextClaim(
  change: ClaimChange,
  caseInfo: CaseWorkflowInfo,
  actor: WorkflowActor,
  input: CaseDecisionInput,
): string | null {
  switch (change) {
    case "keep":
      return caseInfo.claimedBy;
    case "actor":
      return actor.id;
    case "assignee":
      return input.assignee?.id ?? null;
    case "clear":
      return null;
  }
}

/**
 * The transitions the case page should offer `actor` as buttons: every non-system action that
 * `decide` would allow, ignoring input the UI still has to collect (reason, assignee).
 */
export function availableActions(actor: WorkflowActor, caseInfo: CaseWorkflowInfo): CaseTransition[] {
  return CASE_TRANSITIONS.filter((tr) => !tr.system && checkWithoutInput(actor, caseInfo, tr) === null);
}

// ---------------------------------------------------------------------------------------------
// Content and visibility

/** Content (title, body, attachments…) is editable only in draft / changes_requested, by lead-region submitters. */
export const EDITABLE_CASE_STATES: readonly CaseState[] = ["draft", "changes_requested"];

export function canEditContent(actor: WorkflowActor, caseInfo: Pick<CaseWorkflowInfo, "state" | "leadRegion">): boolean {
  return EDITABLE_CASE_STATES.includes(caseInfo.state) && isLeadRegionSubmitter(actor, caseInfo);
}

/**
 * May `actor` read the case?
 * - Submitters read cases whose lead region or one of whose participating (参与) regions is one
 *   of theirs, in every state — drafts included. Decision: participating regions' submitters may
 *   read a draft (they co-own the case and are asked to check it before submission) but cannot
 *   edit or submit it; only the lead region can.
 * - Reviewers, publishers and admins read every case except drafts: a draft is the region's
 *   private work until submitted. (A withdrawn case, having been submitted once, stays visible.)
 * Roles add up: a user with several roles reads what any of them may read.
 */
export function canRead(
  actor: WorkflowActor,
  caseInfo: Pick<CaseWorkflowInfo, "state" | "leadRegion">,
  participatingRegions: readonly string[],
): boolean {
  // A published case is in a public bulletin: every signed-in user may read it.
  if (caseInfo.state === "published") return true;
  if (actor.roles.includes("submitter")) {
    const caseRegions = [caseInfo.leadRegion, ...participatingRegions];
    if (caseRegions.some((r) => actor.regions.includes(r))) return true;
  }
  if (hasAnyRole(actor, ["reviewer", "publisher", "admin"])) return caseInfo.state !== "draft";
  return false;
}

/** Convenience aliases for callers that import both workflows. */
export const decideCase = decide;
export const availableCaseActions = availableActions;
