/**
 * The call-for-cases workflow (案例征集流程) as data plus pure functions, same shape as batch.ts.
 *
 *   close    open            → closed     (publisher, admin; ends the call before its deadline)
 *   extend   open, closed    → open       (publisher, admin; a new deadline, later than the current one and in the future)
 *   compile  open, closed    → compiled   (publisher; the deadline has passed or the call is closed; at least one approved case)
 *
 * `compiled` is terminal. An open call whose deadline has passed accepts no submissions: it is
 * "closed" for every purpose (`effectiveCallState`) without anybody having to press a button, so
 * the refusal does not depend on a job having run. Submitting a case to a call is the case
 * workflow's `submit`/`resubmit`; `acceptsSubmission` is the extra check those make.
 */
import type { Role } from "../app/permissions/permissions";
import { callStateLabels, callActionWords, labelled } from "./strings";
import { hasAnyRole, type WorkflowActor } from "./shared";
import { workflowMessages as wm } from "./strings";

export const CALL_STATES = ["open", "closed", "compiled"] as const;
export type CallState = (typeof CALL_STATES)[number];

export const CALL_STATE_LABELS: Record<CallState, string> = callStateLabels;

export function isCallState(value: string): value is CallState {
  return (CALL_STATES as readonly string[]).includes(value);
}

export const CALL_ACTIONS = ["close", "extend", "compile"] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

export function isCallAction(value: string): value is CallAction {
  return (CALL_ACTIONS as readonly string[]).includes(value);
}

export type CallEffect = "notify-regions" | "create-batch" | "audit";

export type CallGuardName =
  /** the new deadline is in the future and later than the current one */
  | "later-deadline"
  /** the call no longer takes submissions (closed, or its deadline passed) */
  | "submissions-over"
  /** at least one case of the call is approved */
  | "has-approved";

export type CallTransition = {
  action: CallAction;
  from: readonly CallState[];
  to: CallState;
  label: string;
  timelineLabel: string;
  roles: readonly Role[];
  guards: readonly CallGuardName[];
  effects: readonly CallEffect[];
  irreversible: boolean;
};

/** Who may open a call (not a transition: there is no state before it). */
export const CALL_OPENER_ROLES: readonly Role[] = ["publisher", "admin"];

export const CALL_TRANSITIONS: readonly CallTransition[] = labelled<Omit<CallTransition, "label" | "timelineLabel">>([
  {
    action: "close",
    from: ["open"],
    to: "closed",
    roles: ["publisher", "admin"],
    guards: [],
    effects: ["audit"],
    irreversible: false,
  },
  {
    action: "extend",
    from: ["open", "closed"],
    to: "open",
    roles: ["publisher", "admin"],
    guards: ["later-deadline"],
    effects: ["notify-regions", "audit"],
    irreversible: false,
  },
  {
    action: "compile",
    from: ["open", "closed"],
    to: "compiled",
    roles: ["publisher"],
    guards: ["submissions-over", "has-approved"],
    effects: ["create-batch", "audit"],
    irreversible: true,
  },
], callActionWords);

const TRANSITION_BY_ACTION = new Map<CallAction, CallTransition>(CALL_TRANSITIONS.map((tr) => [tr.action, tr]));

export function getCallTransition(action: CallAction): CallTransition {
  return TRANSITION_BY_ACTION.get(action)!;
}

export type CallWorkflowInfo = {
  state: CallState;
  deadline: Date;
  /** Approved cases answering the call. */
  approvedCount: number;
};

/** The state as people see it at `now`: an open call past its deadline is closed. */
export function effectiveCallState(call: Pick<CallWorkflowInfo, "state" | "deadline">, now: Date): CallState {
  return call.state === "open" && call.deadline.getTime() <= now.getTime() ? "closed" : call.state;
}

type CallGuardDefinition = {
  description: string;
  check: (call: CallWorkflowInfo, now: Date, input: CallDecisionInput) => string | null;
};

export const CALL_GUARDS: Record<CallGuardName, CallGuardDefinition> = {
  "later-deadline": {
    description: "新的截止时间晚于现在和原截止时间",
    check: (call, now, input) => {
      if (!input.deadline) return wm.newDeadlineRequired;
      if (input.deadline.getTime() <= now.getTime()) return wm.newDeadlineFuture;
      if (input.deadline.getTime() <= call.deadline.getTime()) return wm.newDeadlineLater;
      return null;
    },
  },
  "submissions-over": {
    description: "征集已截止（到期或提前截止）",
    check: (call, now) => (effectiveCallState(call, now) === "open" ? wm.callStillOpen : null),
  },
  "has-approved": {
    description: "至少有一个回应此征集的案例审核通过",
    check: (call) => (call.approvedCount > 0 ? null : wm.callNoApproved),
  },
};

export type CallDecisionInput = { deadline?: Date | null };

export type CallDecisionErrorCode = "unknown-action" | "forbidden-role" | "wrong-state" | "guard";

export type CallDecision =
  | { ok: true; action: CallAction; from: CallState; to: CallState; effects: readonly CallEffect[] }
  | { ok: false; code: CallDecisionErrorCode; guard?: CallGuardName; message: string };

/** May `actor` perform `action` on the call at `now`? Role, then state, then guards. */
export function decide(actor: WorkflowActor, call: CallWorkflowInfo, action: CallAction | (string & {}), now: Date, input: CallDecisionInput = {}): CallDecision {
  if (!isCallAction(action)) return { ok: false, code: "unknown-action", message: wm.unknownAction(action) };
  const transition = getCallTransition(action);
  const pre = checkWithoutInput(actor, call, transition, now);
  if (pre) return pre;
  for (const name of transition.guards) {
    const message = CALL_GUARDS[name].check(call, now, input);
    if (message) return { ok: false, code: "guard", guard: name, message };
  }
  return { ok: true, action, from: call.state, to: transition.to, effects: transition.effects };
}

function checkWithoutInput(actor: WorkflowActor, call: CallWorkflowInfo, transition: CallTransition, now: Date): Extract<CallDecision, { ok: false }> | null {
  if (!hasAnyRole(actor, transition.roles)) return { ok: false, code: "forbidden-role", message: wm.forbiddenRole(transition.label) };
  // The state people see: an open call past its deadline is closed (and cannot be closed again).
  const state = effectiveCallState(call, now);
  if (!transition.from.includes(state)) {
    return { ok: false, code: "wrong-state", message: wm.callWrongState(CALL_STATE_LABELS[state], transition.label) };
  }
  return null;
}

/** The buttons the call page offers `actor` (input-dependent guards are checked on submit). */
export function availableCallActions(actor: WorkflowActor, call: CallWorkflowInfo, now: Date): CallTransition[] {
  return CALL_TRANSITIONS.filter((tr) => {
    if (checkWithoutInput(actor, call, tr, now)) return false;
    return tr.guards.every((g) => g === "later-deadline" || CALL_GUARDS[g].check(call, now, {}) === null);
  });
}

export type SubmissionCheck = { ok: true; late: boolean } | { ok: false; guard: SubmissionGuardName; message: string };

/** What a submission to a call is checked against, besides the call's own state and deadline. */
export type SubmissionInfo = {
  /** The case's category, and the categories the call asks for (empty: any). */
  category: { code: string; name: string };
  asked: readonly { code: string; name: string }[];
  /** The case's lead region, its quota in the call (null: none), and how many of the region's cases already count against it. */
  region: { code: string; name: string };
  quota: number | null;
  used: number;
};

export type SubmissionGuardName =
  /** the call still takes submissions (open, deadline not passed) */
  | "submissions-open"
  /** the case is in one of the categories the call asks for */
  | "category-asked"
  /** the region has not used up its quota */
  | "within-quota";

type CallInfo = { title: string; state: CallState; deadline: Date; originalDeadline: Date };

/**
 * The guards a submission (`submit`/`resubmit` of a case answering a call) must pass, in order.
 * Cases counted against the quota: the region's cases of the call that were submitted and are not
 * withdrawn or rejected (the case being submitted excluded: a resubmission never exceeds it).
 */
export const SUBMISSION_GUARDS: Record<SubmissionGuardName, { description: string; check: (call: CallInfo, now: Date, fmt: (d: Date) => string, info?: SubmissionInfo) => string | null }> = {
  "submissions-open": {
    description: "征集未截止（未到期、未提前截止、未汇编）",
    check: (call, now, fmt) =>
      effectiveCallState(call, now) === "open" ? null : wm.callClosed(call.title, fmt(call.deadline)),
  },
  "category-asked": {
    description: "案例类别属于征集的类别",
    check: (call, _now, _fmt, info) =>
      !info || info.asked.length === 0 || info.asked.some((c) => c.code === info.category.code)
        ? null
        : wm.callCategoryNotAsked(call.title, info.asked.map((c) => c.name), info.category.name),
  },
  "within-quota": {
    description: "地区在征集中的名额未用完",
    check: (call, _now, _fmt, info) =>
      !info || info.quota === null || info.used < info.quota
        ? null
        : wm.callQuotaFull(call.title, info.region.name, info.quota, info.used),
  },
};

export const SUBMISSION_GUARD_ORDER: readonly SubmissionGuardName[] = ["submissions-open", "category-asked", "within-quota"];

/**
 * May a case answering the call be submitted at `now`? Refused once the deadline has passed or the
 * call was closed or compiled, when the case is not in a category asked for, or when its region's
 * quota is used up; `late` when the call was extended and the first deadline has passed.
 */
export function acceptsSubmission(call: CallInfo, now: Date, formatDeadline: (d: Date) => string, info?: SubmissionInfo): SubmissionCheck {
  for (const guard of SUBMISSION_GUARD_ORDER) {
    const message = SUBMISSION_GUARDS[guard].check(call, now, formatDeadline, info);
    if (message) return { ok: false, guard, message };
  }
  return { ok: true, late: now.getTime() > call.originalDeadline.getTime() };
}
