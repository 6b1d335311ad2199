/**
 * The batch workflow (批次公报流程) as data plus pure functions, same shape as case-review.ts.
 *
 *   freeze    compiling → frozen     (publisher; batch must contain at least one case)
 *   unfreeze  frozen    → compiling  (publisher)
 *   publish   frozen    → published  (publisher; batch must contain at least one case)
 *
 * `published` is terminal. Publishing a batch fires the case workflow's system action `publish`
 * for each case in it (effect "publish-cases"); checking that those cases are all `approved` is
 * the caller's job (it has the data), via case-review's `decide(publisher, case, "publish")`.
 */
import type { Role } from "../app/permissions/permissions";
import { batchStateLabels, batchActionWords, labelled } from "./strings";
import { checkReason, hasAnyRole, type WorkflowActor } from "./shared";
import { workflowMessages as wm } from "./strings";

export type { WorkflowActor } from "./shared";

export const BATCH_STATES = ["compiling", "frozen", "published"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const BATCH_STATE_LABELS: Record<BatchState, string> = batchStateLabels;

export const TERMINAL_BATCH_STATES: readonly BatchState[] = ["published"];

export function isBatchState(value: string): value is BatchState {
  return (BATCH_STATES as readonly string[]).includes(value);
}

export const BATCH_ACTIONS = ["freeze", "unfreeze", "publish"] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

export function isBatchAction(value: string): value is BatchAction {
  return (BATCH_ACTIONS as readonly string[]).includes(value);
}

export type BatchEffect = "snapshot-batch" | "publish-cases" | "notify-submitters" | "audit";

export type BatchGuardName =
  /** the batch contains at least one case */
  "not-empty";

export type BatchTransition = {
  action: BatchAction;
  from: readonly BatchState[];
  to: BatchState;
  label: string;
  timelineLabel: string;
  roles: readonly Role[];
  guards: readonly BatchGuardName[];
  requiresReason: boolean;
  effects: readonly BatchEffect[];
  system: boolean;
  /** Cannot be undone: the page asks for confirmation first (a page dialog, also without JavaScript). */
  irreversible: boolean;
};

export const BATCH_TRANSITIONS: readonly BatchTransition[] = labelled<Omit<BatchTransition, "label" | "timelineLabel">>([
  {
    action: "freeze",
    from: ["compiling"],
    to: "frozen",
    roles: ["publisher"],
    guards: ["not-empty"],
    requiresReason: false,
    effects: ["snapshot-batch", "audit"],
    system: false,
    irreversible: false,
  },
  {
    action: "unfreeze",
    from: ["frozen"],
    to: "compiling",
    roles: ["publisher"],
    guards: [],
    requiresReason: false,
    effects: ["audit"],
    system: false,
    irreversible: false,
  },
  {
    action: "publish",
    from: ["frozen"],
    to: "published",
    roles: ["publisher"],
    guards: ["not-empty"],
    requiresReason: false,
    effects: ["publish-cases", "notify-submitters", "audit"],
    system: false,
    irreversible: true,
  },
], batchActionWords);

const TRANSITION_BY_ACTION = new Map<BatchAction, BatchTransition>(BATCH_TRANSITIONS.map((tr) => [tr.action, tr]));

export function getBatchTransition(action: BatchAction): BatchTransition {
  return TRANSITION_BY_ACTION.get(action)!;
}

export type BatchWorkflowInfo = {
  state: BatchState;
  /** How many cases the batch contains. */
  caseCount: number;
};

export type BatchDecisionInput = {
  /** Optional note for the timeline; ≤ MAX_REASON_LENGTH. */
  reason?: string | null;
};

type BatchGuardDefinition = {
  description: string;
  check: (batch: BatchWorkflowInfo, transition: BatchTransition) => string | null;
};

export const BATCH_GUARDS: Record<BatchGuardName, BatchGuardDefinition> = {
  "not-empty": {
    description: "批次中至少包含一个案例",
    check: (batch, transition) => (batch.caseCount > 0 ? null : wm.batchEmpty(transition.label)),
  },
};

export type BatchDecisionErrorCode =
  | "unknown-action"
  | "forbidden-role"
  | "wrong-state"
  | "guard"
  | "reason-required"
  | "reason-too-long";

export type BatchDecision =
  | {
      ok: true;
      action: BatchAction;
      from: BatchState;
      to: BatchState;
      reason: string | null;
      effects: readonly BatchEffect[];
    }
  | { ok: false; code: BatchDecisionErrorCode; guard?: BatchGuardName; message: string };

/** May `actor` perform `action` on the batch now? Same check order as the case workflow. */
export function decide(
  actor: WorkflowActor,
  batch: BatchWorkflowInfo,
  action: BatchAction | (string & {}),
  input: BatchDecisionInput = {},
): BatchDecision {
  if (!isBatchAction(action)) return { ok: false, code: "unknown-action", message: wm.unknownAction(action) };
  const transition = getBatchTransition(action);
  const pre = checkWithoutInput(actor, batch, transition);
  if (pre) return pre;
  const reason = checkReason(input.reason, transition.requiresReason, transition.label);
  if (!reason.ok) return { ok: false, code: reason.code, message: reason.message };
  return { ok: true, action, from: batch.state, to: transition.to, reason: reason.reason, effects: transition.effects };
}

function checkWithoutInput(
  actor: WorkflowActor,
  batch: BatchWorkflowInfo,
  transition: BatchTransition,
): Extract<BatchDecision, { ok: false }> | null {
  if (!hasAnyRole(actor, transition.roles)) {
    return { ok: false, code: "forbidden-role", message: wm.forbiddenRole(transition.label) };
  }
  if (!transition.from.includes(batch.state)) {
    return {
      ok: false,
      code: "wrong-state",
      message: wm.batchWrongState(BATCH_STATE_LABELS[batch.state] ?? batch.state, transition.label),
    };
  }
  for (const name of transition.guards) {
    const message = BATCH_GUARDS[name].check(batch, transition);
    if (message) return { ok: false, code: "guard", guard: name, message };
  }
  return null;
}

/** The transitions the batch page should offer `actor` as buttons. */
export function availableActions(actor: WorkflowActor, batch: BatchWorkflowInfo): BatchTransition[] {
  return BATCH_TRANSITIONS.filter((tr) => !tr.system && checkWithoutInput(actor, batch, tr) === null);
}

/** Cases may be added to or removed from the batch (and their order changed) only while compiling. */
export function canEditBatchContent(actor: WorkflowActor, batch: Pick<BatchWorkflowInfo, "state">): boolean {
  return batch.state === "compiling" && actor.roles.includes("publisher");
}

/** Convenience aliases for callers that import both workflows. */
export const decideBatch = decide;
export const availableBatchActions = availableActions;
