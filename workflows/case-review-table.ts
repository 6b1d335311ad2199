/**
 * The case workflow (案例审核流程) as data: its states and its transition table. The pure
 * functions that read it (guards, `decide`, `availableActions`, who may edit or read) are in
 * case-review.ts, which re-exports all of this — import from there.
 *
 * Loaders/actions load the case, build a `CaseWorkflowInfo`, call `decide`, and on `ok` write the
 * new state and claim holder and run the named `effects`. The case page renders
 * `availableActions` as buttons. Nothing here touches the database or the framework.
 *
 *   submit           draft                          → submitted          (lead-region submitter)
 *   withdraw         submitted, changes_requested   → withdrawn          (lead-region submitter)
 *   reopen           withdrawn                      → draft              (lead-region submitter)
 *   resubmit         changes_requested              → submitted          (lead-region submitter)
 *                                                   → in_review          … when a reviewer still holds it
 *   claim            submitted                      → in_review          (reviewer, not a contributor)
 *   release          in_review                      → submitted          (reviewer holding the claim)
 *                    changes_requested              → changes_requested  (… the resubmission goes to the queue)
 *   assign           submitted, in_review           → in_review          (admin; assignee an eligible reviewer)
 *                    changes_requested              → changes_requested  (… the resubmission goes to the assignee)
 *   request_changes  submitted, in_review           → changes_requested  (reviewer; reason required; keeps the claim)
 *   approve          submitted, in_review           → approved           (reviewer)
 *   reject           submitted, in_review           → rejected           (reviewer; reason required)
 *   publish          approved                       → published          (publisher; system, via the batch)
 *
 * Decisions taken here (where the brief left a choice):
 * - Claim invariant: `in_review` ⇔ a reviewer holds the claim, and a claim exists only on
 *   `in_review` and `changes_requested` cases. `release` from `in_review` therefore goes back to
 *   `submitted` (the shared queue) and clears the holder, rather than leaving an unclaimed
 *   `in_review` case.
 * - The same reviewer back (issue #11): request_changes keeps the case claimed by the reviewer who
 *   asked for the changes (an unclaimed case is claimed by them), so the resubmission returns to
 *   them as `in_review` instead of the shared queue — unless they released it meanwhile (or an
 *   admin assigned it to someone else). The table says this with `toWhen`.
 * - Claim, release and assign change who works on the case, not the case: they leave its
 *   最后修改 (`updated_at`, `updated_by`) alone (`changesCase: false`).
 * - approve, reject and publish cannot be undone: the page asks for confirmation first
 *   (`irreversible`).
 * - request_changes / approve / reject are allowed from `submitted` too: an unclaimed case may be
 *   decided directly and acting claims it implicitly. On a claimed case only the holder may act.
 *   (Should an `in_review` case ever be unclaimed — old data — any eligible reviewer may act.)
 * - A reviewer who submitted or edited the case (`contributorIds`) may not claim it, be assigned
 *   it, request changes on it, approve it or reject it: conflict of interest applies to every
 *   review step, not only the final verdict.
 * - withdraw is possible from `submitted` and `changes_requested`, not from `in_review`: once a
 *   reviewer works on the case, the submitter asks them to return it (request_changes) instead.
 * - `publish` is `system: true`: fired by the batch publication (actor role publisher), never
 *   offered as a button on the case page.
 * - After approve / reject / withdraw / submit / release the claim is cleared; the decider is
 *   recorded by the audit effect, not by the claim.
 */
import type { Role } from "../app/permissions/permissions";
import { caseStateLabels, caseActionWords, labelled } from "./strings";

// ---------------------------------------------------------------------------------------------
// States

export const CASE_STATES = [
  "draft",
  "submitted",
  "in_review",
  "changes_requested",
  "approved",
  "rejected",
  "withdrawn",
  "published",
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = caseStateLabels;

/** States no transition leaves. */
export const TERMINAL_CASE_STATES: readonly CaseState[] = ["rejected", "published"];

export function isCaseState(value: string): value is CaseState {
  return (CASE_STATES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Transitions

export const CASE_ACTIONS = [
  "submit",
  "withdraw",
  "claim",
  "release",
  "assign",
  "request_changes",
  "approve",
  "reject",
  "resubmit",
  "reopen",
  "publish",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export function isCaseAction(value: string): value is CaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(value);
}

export type CaseEffect = "snapshot-version" | "notify-reviewers" | "notify-submitters" | "audit";

export type CaseGuardName =
  /** actor has role submitter and the case's lead region is one of the actor's regions */
  | "lead-region-submitter"
  /** actor is not among the case's contributors (submitted or edited it) */
  | "not-contributor"
  /** the case is unclaimed, or the actor holds the claim */
  | "claim-holder-or-unclaimed"
  /** the actor holds the claim */
  | "claim-holder"
  /** input.assignee is given, is a reviewer and is not a contributor */
  | "assignee-eligible";

/** What happens to `claimedBy`: keep it, set it to the actor / the assignee, or clear it. */
export type ClaimChange = "keep" | "actor" | "assignee" | "clear";

/** A different target for some cases: from one state, or depending on whether the case is claimed afterwards. */
export type TargetRule = { from?: CaseState; claimed?: boolean; to: CaseState };

export type CaseTransition = {
  action: CaseAction;
  from: readonly CaseState[];
  /** Where the case goes, unless the first matching `toWhen` rule says otherwise. */
  to: CaseState;
  toWhen: readonly TargetRule[];
  /** Moves the case's 最后修改 (updated_at / updated_by). False for who-works-on-it changes. */
  changesCase: boolean;
  /** Cannot be undone: the page asks for confirmation first. */
  irreversible: boolean;
  /** Button text on the case page. */
  label: string;
  /** Text of the timeline entry ("张三 提交审核"). */
  timelineLabel: string;
  roles: readonly Role[];
  guards: readonly CaseGuardName[];
  requiresReason: boolean;
  /** The action needs `input.assignee` (admin assignment). */
  requiresAssignee: boolean;
  claim: ClaimChange;
  effects: readonly CaseEffect[];
  /** Fired by another process (batch publication); never shown as a button. */
  system: boolean;
};

type Defaulted = "requiresReason" | "requiresAssignee" | "system" | "guards" | "toWhen" | "changesCase" | "irreversible";
type Unlabelled = Omit<CaseTransition, "label" | "timelineLabel">;
const t = (entry: Omit<Unlabelled, Defaulted> & Partial<Pick<Unlabelled, Defaulted>>): Unlabelled => ({
  requiresReason: false,
  requiresAssignee: false,
  system: false,
  guards: [],
  toWhen: [],
  changesCase: true,
  irreversible: false,
  ...entry,
});

export const CASE_TRANSITIONS: readonly CaseTransition[] = labelled<Unlabelled>([
  t({
    action: "submit",
    from: ["draft"],
    to: "submitted",
    roles: ["submitter"],
    guards: ["lead-region-submitter"],
    claim: "clear",
    effects: ["snapshot-version", "notify-reviewers", "audit"],
  }),
  t({
    action: "withdraw",
    from: ["submitted", "changes_requested"],
    to: "withdrawn",
    roles: ["submitter"],
    guards: ["lead-region-submitter"],
    claim: "clear",
    effects: ["notify-reviewers", "audit"],
  }),
  t({
    action: "claim",
    from: ["submitted"],
    to: "in_review",
    roles: ["reviewer"],
    guards: ["not-contributor", "claim-holder-or-unclaimed"],
    claim: "actor",
    changesCase: false,
    effects: ["notify-submitters", "audit"],
  }),
  t({
    action: "release",
    from: ["in_review", "changes_requested"],
    to: "submitted",
    toWhen: [{ from: "changes_requested", to: "changes_requested" }],
    roles: ["reviewer"],
    guards: ["claim-holder"],
    claim: "clear",
    changesCase: false,
    effects: ["notify-reviewers", "audit"],
  }),
  t({
    action: "assign",
    from: ["submitted", "in_review", "changes_requested"],
    to: "in_review",
    toWhen: [{ from: "changes_requested", to: "changes_requested" }],
    roles: ["admin"],
    guards: ["assignee-eligible"],
    requiresAssignee: true,
    claim: "assignee",
    changesCase: false,
    effects: ["notify-reviewers", "audit"],
  }),
  t({
    action: "request_changes",
    from: ["submitted", "in_review"],
    to: "changes_requested",
    roles: ["reviewer"],
    guards: ["not-contributor", "claim-holder-or-unclaimed"],
    requiresReason: true,
    claim: "actor",
    effects: ["notify-submitters", "audit"],
  }),
  t({
    action: "approve",
    from: ["submitted", "in_review"],
    to: "approved",
    roles: ["reviewer"],
    guards: ["not-contributor", "claim-holder-or-unclaimed"],
    claim: "clear",
    irreversible: true,
    effects: ["notify-submitters", "audit"],
  }),
  t({
    action: "reject",
    from: ["submitted", "in_review"],
    to: "rejected",
    roles: ["reviewer"],
    guards: ["not-contributor", "claim-holder-or-unclaimed"],
    requiresReason: true,
    claim: "clear",
    irreversible: true,
    effects: ["notify-submitters", "audit"],
  }),
  t({
    action: "resubmit",
    from: ["changes_requested"],
    to: "submitted",
    toWhen: [{ claimed: true, to: "in_review" }],
    roles: ["submitter"],
    guards: ["lead-region-submitter"],
    claim: "keep",
    effects: ["snapshot-version", "notify-reviewers", "audit"],
  }),
  t({
    action: "reopen",
    from: ["withdrawn"],
    to: "draft",
    roles: ["submitter"],
    guards: ["lead-region-submitter"],
    claim: "clear",
    effects: ["audit"],
  }),
  t({
    action: "publish",
    from: ["approved"],
    to: "published",
    roles: ["publisher"],
    claim: "clear",
    effects: ["notify-submitters", "audit"],
    system: true,
    irreversible: true,
  }),
], caseActionWords);

const TRANSITION_BY_ACTION = new Map<CaseAction, CaseTransition>(CASE_TRANSITIONS.map((tr) => [tr.action, tr]));

export function getCaseTransition(action: CaseAction): CaseTransition {
  return TRANSITION_BY_ACTION.get(action)!;
}
