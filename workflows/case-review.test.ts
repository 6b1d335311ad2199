import { describe, expect, it } from "vitest";
import type { Role } from "../app/permissions/permissions";
import {
  availableActions,
  canEditContent,
  canRead,
  CASE_ACTIONS,
  CASE_STATE_LABELS,
  CASE_STATES,
  CASE_TRANSITIONS,
  decide,
  MAX_REASON_LENGTH,
  TERMINAL_CASE_STATES,
  type CaseAction,
  type CaseDecisionInput,
  type CaseState,
  type CaseWorkflowInfo,
  type WorkflowActor,
} from "./case-review";

// =============================================================================================
// The cast. The case under test is led by 北京 (beijing), with 天津 (tianjin) participating;
// sub-lead, rev-contrib and hybrid have submitted or edited it.
// =============================================================================================

const LEAD = "beijing";
const PARTICIPATING = ["tianjin"];
const CONTRIBUTORS = ["sub-lead", "rev-contrib", "hybrid"];
const HOLDER = "rev-holder";

const ACTORS = {
  subLead: { id: "sub-lead", roles: ["submitter"], regions: ["beijing"] },
  subLead2: { id: "sub-lead-2", roles: ["submitter"], regions: ["shanghai", "beijing"] },
  subPartner: { id: "sub-partner", roles: ["submitter"], regions: ["tianjin"] },
  subOther: { id: "sub-other", roles: ["submitter"], regions: ["chengdu"] },
  revHolder: { id: HOLDER, roles: ["reviewer"], regions: [] },
  revOther: { id: "rev-other", roles: ["reviewer"], regions: [] },
  revContrib: { id: "rev-contrib", roles: ["reviewer"], regions: [] },
  // submitter of the lead region AND reviewer, and a contributor: may submit, may not review
  hybrid: { id: "hybrid", roles: ["submitter", "reviewer"], regions: ["beijing"] },
  // submitter elsewhere AND reviewer, not a contributor: may review, may not submit
  hybridOther: { id: "hybrid-other", roles: ["submitter", "reviewer"], regions: ["chengdu"] },
  publisher: { id: "pub", roles: ["publisher"], regions: [] },
  admin: { id: "adm", roles: ["admin"], regions: [] },
  nobody: { id: "nobody", roles: [], regions: ["beijing"] },
} satisfies Record<string, WorkflowActor>;
type ActorKind = keyof typeof ACTORS;
const ACTOR_KINDS = Object.keys(ACTORS) as ActorKind[];

function caseIn(state: CaseState, claimedBy: string | null = null): CaseWorkflowInfo {
  return { state, leadRegion: LEAD, contributorIds: [...CONTRIBUTORS], claimedBy };
}

// =============================================================================================
// The spec, written independently of CASE_TRANSITIONS.
//
// One line per allowed (action, from states, actors, claim condition):
//   claim condition "any"       — whatever claimedBy is
//                   "unclaimed" — only when claimedBy is null
//                   "held"      — only when rev-holder holds the claim
// Anything not listed must be refused. Reason/assignee input is checked separately below.
// =============================================================================================

const ALLOWED_SPEC = `
  submit           | draft                         | subLead subLead2 hybrid                      | any
  withdraw         | submitted changes_requested   | subLead subLead2 hybrid                      | any
  resubmit         | changes_requested             | subLead subLead2 hybrid                      | any
  reopen           | withdrawn                     | subLead subLead2 hybrid                      | any
  claim            | submitted                     | revHolder revOther hybridOther               | unclaimed
  claim            | submitted                     | revHolder                                    | held
  release          | in_review changes_requested   | revHolder                                    | held
  assign           | submitted in_review changes_requested | admin                                | any
  request_changes  | submitted in_review           | revHolder revOther hybridOther               | unclaimed
  request_changes  | submitted in_review           | revHolder                                    | held
  approve          | submitted in_review           | revHolder revOther hybridOther               | unclaimed
  approve          | submitted in_review           | revHolder                                    | held
  reject           | submitted in_review           | revHolder revOther hybridOther               | unclaimed
  reject           | submitted in_review           | revHolder                                    | held
  publish          | approved                      | publisher                                    | any
`;

/** The role an action belongs to (an actor without it gets "forbidden-role"). */
const ROLE_OF: Record<CaseAction, Role> = {
  submit: "submitter",
  withdraw: "submitter",
  resubmit: "submitter",
  reopen: "submitter",
  claim: "reviewer",
  release: "reviewer",
  request_changes: "reviewer",
  approve: "reviewer",
  reject: "reviewer",
  assign: "admin",
  publish: "publisher",
};

const TARGET: Record<CaseAction, CaseState> = {
  submit: "submitted",
  withdraw: "withdrawn",
  resubmit: "submitted",
  reopen: "draft",
  claim: "in_review",
  release: "submitted",
  assign: "in_review",
  request_changes: "changes_requested",
  approve: "approved",
  reject: "rejected",
  publish: "published",
};

/**
 * Where the case lands instead of TARGET: the reviewer who asked for changes gets the resubmission
 * back (still claimed → in_review); releasing or assigning a returned case leaves it returned.
 */
function landing(action: CaseAction, state: CaseState, claimAfter: string | null): CaseState {
  if (action === "resubmit" && claimAfter !== null) return "in_review";
  if ((action === "release" || action === "assign") && state === "changes_requested") return "changes_requested";
  return TARGET[action];
}

/** Who-works-on-it changes that leave 最后修改 alone. */
const KEEPS_UPDATED_AT: CaseAction[] = ["claim", "release", "assign"];
/** Decisions nobody can take back: confirmed first. */
const IRREVERSIBLE: CaseAction[] = ["approve", "reject", "publish"];

const NEEDS_REASON: CaseAction[] = ["request_changes", "reject"];
const SYSTEM_ACTIONS: CaseAction[] = ["publish"];

const EFFECTS: Record<CaseAction, string[]> = {
  submit: ["snapshot-version", "notify-reviewers", "audit"],
  resubmit: ["snapshot-version", "notify-reviewers", "audit"],
  withdraw: ["notify-reviewers", "audit"],
  reopen: ["audit"],
  claim: ["notify-submitters", "audit"],
  release: ["notify-reviewers", "audit"],
  assign: ["notify-reviewers", "audit"],
  request_changes: ["notify-submitters", "audit"],
  approve: ["notify-submitters", "audit"],
  reject: ["notify-submitters", "audit"],
  publish: ["notify-submitters", "audit"],
};

const BUTTON_LABEL: Record<CaseAction, string> = {
  submit: "提交审核",
  withdraw: "撤回",
  resubmit: "重新提交",
  reopen: "重新编辑",
  claim: "领取审核",
  release: "放弃领取",
  assign: "指派审核人",
  request_changes: "退回修改",
  approve: "审核通过",
  reject: "不予采用",
  publish: "发布",
};

type Rule = { action: CaseAction; states: CaseState[]; actors: ActorKind[]; claim: "any" | "unclaimed" | "held" };
const RULES: Rule[] = ALLOWED_SPEC.trim()
  .split("\n")
  .map((line) => {
    const [action, states, actors, claim] = line.split("|").map((cell) => cell.trim());
    return {
      action: action as CaseAction,
      states: states.split(/\s+/) as CaseState[],
      actors: actors.split(/\s+/) as ActorKind[],
      claim: claim as Rule["claim"],
    };
  });

function specStates(action: CaseAction): Set<CaseState> {
  return new Set(RULES.filter((r) => r.action === action).flatMap((r) => r.states));
}

function specAllows(action: CaseAction, state: CaseState, actor: ActorKind, claimedBy: string | null): boolean {
  return RULES.some(
    (r) =>
      r.action === action &&
      r.states.includes(state) &&
      r.actors.includes(actor) &&
      (r.claim === "any" || (r.claim === "unclaimed" ? claimedBy === null : claimedBy === HOLDER)),
  );
}

// Input variants
const LONG_OK = "字".repeat(MAX_REASON_LENGTH);
const TOO_LONG = "字".repeat(MAX_REASON_LENGTH + 1);
const REASONS: Record<string, string | undefined> = {
  missing: undefined,
  blank: "  \n\t ",
  present: "  请补充试点成效的量化数据。 ",
  exactlyMax: LONG_OK,
  tooLong: TOO_LONG,
};
const ASSIGNEES: Record<string, CaseDecisionInput["assignee"]> = {
  missing: undefined,
  eligible: ACTORS.revOther,
  holder: ACTORS.revHolder,
  contributor: ACTORS.revContrib,
  notReviewer: ACTORS.publisher,
};

type Expected = { ok: true; to: CaseState; claimedBy: string | null; reason: string | null } | { ok: false; code: string };

function expected(
  action: CaseAction,
  state: CaseState,
  actorKind: ActorKind,
  claimedBy: string | null,
  input: CaseDecisionInput,
): Expected {
  const actor = ACTORS[actorKind];
  if (!(actor.roles as Role[]).includes(ROLE_OF[action])) return { ok: false, code: "forbidden-role" };
  if (!specStates(action).has(state)) return { ok: false, code: "wrong-state" };
  if (!specAllows(action, state, actorKind, claimedBy)) return { ok: false, code: "guard" };
  if (action === "assign") {
    if (!input.assignee) return { ok: false, code: "invalid-input" };
    if (!input.assignee.roles.includes("reviewer") || CONTRIBUTORS.includes(input.assignee.id)) {
      return { ok: false, code: "guard" };
    }
  }
  const trimmed = (input.reason ?? "").trim();
  if (NEEDS_REASON.includes(action) && trimmed === "") return { ok: false, code: "reason-required" };
  if ([...trimmed].length > 2000) return { ok: false, code: "reason-too-long" };
  // request_changes keeps (or takes) the claim, resubmit keeps whatever claim there is.
  const claimAfter =
    action === "claim" || action === "request_changes" ? actor.id : action === "assign" ? input.assignee!.id : action === "resubmit" ? claimedBy : null;
  return { ok: true, to: landing(action, state, claimAfter), claimedBy: claimAfter, reason: trimmed === "" ? null : trimmed };
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

// =============================================================================================

describe("case workflow table", () => {
  it("has exactly the specified actions, each with one entry", () => {
    expect(CASE_TRANSITIONS.map((t) => t.action).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(Object.keys(ROLE_OF).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it("labels every state in Chinese", () => {
    expect(CASE_STATE_LABELS).toEqual({
      draft: "草稿",
      submitted: "已提交",
      in_review: "审核中",
      changes_requested: "退回修改",
      approved: "审核通过",
      rejected: "不予采用",
      withdrawn: "已撤回",
      published: "已发布",
    });
  });

  it.each(CASE_ACTIONS)("%s: labels, effects, reason flag and system flag match the spec", (action) => {
    const tr = CASE_TRANSITIONS.find((t) => t.action === action)!;
    expect(tr.label).toBe(BUTTON_LABEL[action]);
    expect(tr.timelineLabel).toMatch(HAS_CHINESE);
    expect([...tr.effects].sort()).toEqual([...EFFECTS[action]].sort());
    expect(tr.requiresReason).toBe(NEEDS_REASON.includes(action));
    expect(tr.system).toBe(SYSTEM_ACTIONS.includes(action));
    expect(tr.changesCase).toBe(!KEEPS_UPDATED_AT.includes(action));
    expect(tr.irreversible).toBe(IRREVERSIBLE.includes(action));
    expect(tr.to).toBe(TARGET[action]);
    expect([...tr.from].sort()).toEqual([...specStates(action)].sort());
  });
});

describe("decide: every (state, action, actor, claim, input) against the spec", () => {
  it.each(CASE_ACTIONS)("%s", (action) => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const state of CASE_STATES)
      for (const actorKind of ACTOR_KINDS)
        for (const claimedBy of [null, HOLDER])
          for (const [reasonName, reason] of Object.entries(REASONS))
            for (const [assigneeName, assignee] of Object.entries(ASSIGNEES)) {
              const input: CaseDecisionInput = { reason, assignee };
              const want = expected(action, state, actorKind, claimedBy, input);
              const got = decide(ACTORS[actorKind], caseIn(state, claimedBy), action, input);
              checked++;
              const gotSummary = got.ok
                ? { ok: true, to: got.to, claimedBy: got.claimedBy, reason: got.reason }
                : { ok: false, code: got.code };
              if (JSON.stringify(gotSummary) !== JSON.stringify(want)) {
                mismatches.push(
                  `${state} / ${actorKind} / claimedBy=${claimedBy} / reason=${reasonName} / assignee=${assigneeName}: ` +
                    `want ${JSON.stringify(want)}, got ${JSON.stringify(gotSummary)}`,
                );
              }
              if (!got.ok && !HAS_CHINESE.test(got.message)) mismatches.push(`message not Chinese: ${got.message}`);
              if (got.ok && JSON.stringify([...got.effects].sort()) !== JSON.stringify([...EFFECTS[action]].sort())) {
                mismatches.push(`${state} / ${actorKind}: effects ${got.effects}`);
              }
            }
    expect(checked).toBe(CASE_STATES.length * ACTOR_KINDS.length * 2 * 5 * 5);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });

  it("refuses an unknown action", () => {
    const got = decide(ACTORS.subLead, caseIn("draft"), "delete");
    expect(got).toMatchObject({ ok: false, code: "unknown-action" });
  });
});

describe("decide: guard variants spelled out", () => {
  const reason = { reason: "数据来源不清楚" };

  it("only the lead region's submitters submit", () => {
    expect(decide(ACTORS.subLead, caseIn("draft"), "submit")).toMatchObject({ ok: true, to: "submitted" });
    expect(decide(ACTORS.subPartner, caseIn("draft"), "submit")).toMatchObject({
      ok: false,
      code: "guard",
      guard: "lead-region-submitter",
    });
    expect(decide(ACTORS.subOther, caseIn("draft"), "submit")).toMatchObject({ ok: false, code: "guard" });
    expect(decide(ACTORS.revOther, caseIn("draft"), "submit")).toMatchObject({ ok: false, code: "forbidden-role" });
  });

  it("a reviewer cannot approve or reject a case they contributed to", () => {
    for (const action of ["approve", "reject", "request_changes", "claim"] as const) {
      expect(decide(ACTORS.revContrib, caseIn("submitted"), action, reason)).toMatchObject({
        ok: false,
        code: "guard",
        guard: "not-contributor",
      });
      expect(decide(ACTORS.revOther, caseIn("submitted"), action, reason)).toMatchObject({ ok: true });
    }
    // even holding the claim (e.g. assigned before becoming a contributor)
    expect(decide(ACTORS.revContrib, caseIn("in_review", "rev-contrib"), "approve")).toMatchObject({
      ok: false,
      guard: "not-contributor",
    });
  });

  it("on a claimed case only the holder decides; an unclaimed one is claimed implicitly", () => {
    expect(decide(ACTORS.revHolder, caseIn("in_review", HOLDER), "approve")).toMatchObject({ ok: true, to: "approved" });
    expect(decide(ACTORS.revOther, caseIn("in_review", HOLDER), "approve")).toMatchObject({
      ok: false,
      guard: "claim-holder-or-unclaimed",
    });
    expect(decide(ACTORS.revOther, caseIn("submitted", null), "approve")).toMatchObject({ ok: true, to: "approved" });
  });

  it("release: only the holder, and the case goes back to the queue unclaimed", () => {
    expect(decide(ACTORS.revHolder, caseIn("in_review", HOLDER), "release")).toMatchObject({
      ok: true,
      to: "submitted",
      claimedBy: null,
    });
    expect(decide(ACTORS.revOther, caseIn("in_review", HOLDER), "release")).toMatchObject({
      ok: false,
      guard: "claim-holder",
    });
  });

  it("the same reviewer back: request_changes keeps the claim, resubmit returns the case to its holder", () => {
    const sentBack = decide(ACTORS.revOther, caseIn("submitted"), "request_changes", reason);
    expect(sentBack).toMatchObject({ ok: true, to: "changes_requested", claimedBy: "rev-other" });
    expect(decide(ACTORS.subLead, caseIn("changes_requested", HOLDER), "resubmit")).toMatchObject({ ok: true, to: "in_review", claimedBy: HOLDER });
    // released meanwhile: the resubmission goes to the shared queue
    expect(decide(ACTORS.revHolder, caseIn("changes_requested", HOLDER), "release")).toMatchObject({ ok: true, to: "changes_requested", claimedBy: null });
    expect(decide(ACTORS.subLead, caseIn("changes_requested"), "resubmit")).toMatchObject({ ok: true, to: "submitted", claimedBy: null });
    // an admin may hand a returned case to another reviewer; it stays returned
    expect(decide(ACTORS.admin, caseIn("changes_requested", HOLDER), "assign", { assignee: ACTORS.revOther })).toMatchObject({
      ok: true,
      to: "changes_requested",
      claimedBy: "rev-other",
    });
    // withdrawing ends the review: the claim goes
    expect(decide(ACTORS.subLead, caseIn("changes_requested", HOLDER), "withdraw")).toMatchObject({ ok: true, claimedBy: null });
  });

  it("claim and assign set the holder", () => {
    expect(decide(ACTORS.revOther, caseIn("submitted"), "claim")).toMatchObject({ ok: true, claimedBy: "rev-other" });
    expect(decide(ACTORS.admin, caseIn("in_review", HOLDER), "assign", { assignee: ACTORS.revOther })).toMatchObject({
      ok: true,
      to: "in_review",
      claimedBy: "rev-other",
    });
    expect(decide(ACTORS.admin, caseIn("submitted"), "assign", { assignee: ACTORS.revContrib })).toMatchObject({
      ok: false,
      code: "guard",
      guard: "assignee-eligible",
    });
    expect(decide(ACTORS.admin, caseIn("submitted"), "assign")).toMatchObject({ ok: false, code: "invalid-input" });
  });

  it("a reason is required to request changes or reject: missing, blank, present, too long", () => {
    for (const action of ["request_changes", "reject"] as const) {
      const c = caseIn("in_review", HOLDER);
      expect(decide(ACTORS.revHolder, c, action)).toMatchObject({ ok: false, code: "reason-required" });
      expect(decide(ACTORS.revHolder, c, action, { reason: "   " })).toMatchObject({ ok: false, code: "reason-required" });
      expect(decide(ACTORS.revHolder, c, action, { reason: " 请补充 " })).toMatchObject({ ok: true, reason: "请补充" });
      expect(decide(ACTORS.revHolder, c, action, { reason: LONG_OK })).toMatchObject({ ok: true });
      const tooLong = decide(ACTORS.revHolder, c, action, { reason: TOO_LONG });
      expect(tooLong).toMatchObject({ ok: false, code: "reason-too-long" });
      if (!tooLong.ok) expect(tooLong.message).toContain("2000");
    }
    // approve takes an optional comment
    expect(decide(ACTORS.revHolder, caseIn("in_review", HOLDER), "approve")).toMatchObject({ ok: true, reason: null });
  });

  it("gives clear Chinese messages", () => {
    const wrongState = decide(ACTORS.subLead, caseIn("approved"), "submit");
    expect(wrongState).toMatchObject({ ok: false, code: "wrong-state" });
    if (!wrongState.ok) expect(wrongState.message).toBe("案例当前状态为“审核通过”，不能执行“提交审核”。");
    const reasonMissing = decide(ACTORS.revOther, caseIn("submitted"), "request_changes");
    if (!reasonMissing.ok) expect(reasonMissing.message).toBe("请填写“退回修改”的理由。");
  });
});

describe("availableActions", () => {
  const names = (actor: WorkflowActor, c: CaseWorkflowInfo) => availableActions(actor, c).map((t) => t.action).sort();

  it.each([
    ["subLead", caseIn("draft"), ["submit"]],
    ["subLead", caseIn("submitted"), ["withdraw"]],
    ["subLead", caseIn("in_review", HOLDER), []],
    ["subLead", caseIn("changes_requested"), ["resubmit", "withdraw"]],
    ["subLead", caseIn("withdrawn"), ["reopen"]],
    ["subLead", caseIn("approved"), []],
    ["subPartner", caseIn("draft"), []],
    ["subOther", caseIn("changes_requested"), []],
    ["revOther", caseIn("submitted"), ["approve", "claim", "reject", "request_changes"]],
    ["revHolder", caseIn("in_review", HOLDER), ["approve", "reject", "release", "request_changes"]],
    ["revOther", caseIn("in_review", HOLDER), []],
    ["revContrib", caseIn("submitted"), []],
    ["hybrid", caseIn("changes_requested"), ["resubmit", "withdraw"]],
    ["hybrid", caseIn("submitted"), ["withdraw"]],
    ["hybridOther", caseIn("submitted"), ["approve", "claim", "reject", "request_changes"]],
    ["admin", caseIn("submitted"), ["assign"]],
    ["admin", caseIn("in_review", HOLDER), ["assign"]],
    ["admin", caseIn("approved"), []],
    ["publisher", caseIn("approved"), []],
    ["nobody", caseIn("draft"), []],
  ] as [ActorKind, CaseWorkflowInfo, CaseAction[]][])("%s on %o", (actor, c, want) => {
    expect(names(ACTORS[actor], c)).toEqual([...want].sort());
  });

  it("matches the spec for every state/actor/claim and never offers a system action", () => {
    const mismatches: string[] = [];
    for (const state of CASE_STATES)
      for (const actorKind of ACTOR_KINDS)
        for (const claimedBy of [null, HOLDER]) {
          const want = CASE_ACTIONS.filter(
            (a) =>
              !SYSTEM_ACTIONS.includes(a) &&
              expected(a, state, actorKind, claimedBy, { reason: "理由", assignee: ACTORS.revOther }).ok,
          ).sort();
          const got = names(ACTORS[actorKind], caseIn(state, claimedBy));
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            mismatches.push(`${state}/${actorKind}/${claimedBy}: want ${want}, got ${got}`);
          }
          if (got.includes("publish")) mismatches.push(`publish offered to ${actorKind}`);
        }
    expect(mismatches).toEqual([]);
  });
});

describe("state graph", () => {
  it("reaches every state from draft", () => {
    const seen = new Set<CaseState>(["draft"]);
    const queue: CaseState[] = ["draft"];
    while (queue.length) {
      const s = queue.shift()!;
      for (const t of CASE_TRANSITIONS)
        if (t.from.includes(s) && !seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
    }
    expect([...seen].sort()).toEqual([...CASE_STATES].sort());
  });

  it("every non-terminal state has an exit; terminal ones have none", () => {
    expect([...TERMINAL_CASE_STATES].sort()).toEqual(["published", "rejected"]);
    for (const s of CASE_STATES) {
      const exits = CASE_TRANSITIONS.filter((t) => t.from.includes(s) && t.to !== s);
      if (TERMINAL_CASE_STATES.includes(s)) expect(exits, s).toEqual([]);
      else expect(exits.length, s).toBeGreaterThan(0);
    }
  });

  it("a case can go draft → published along the happy path", () => {
    let c = caseIn("draft");
    const steps: [ActorKind, CaseAction, CaseDecisionInput?][] = [
      ["subLead", "submit"],
      ["revOther", "claim"],
      ["revOther", "request_changes", { reason: "请补充数据" }],
      ["subLead", "resubmit"],
      ["admin", "assign", { assignee: ACTORS.revHolder }],
      ["revHolder", "approve"],
      ["publisher", "publish"],
    ];
    for (const [actor, action, input] of steps) {
      const d = decide(ACTORS[actor], c, action, input);
      expect(d, `${actor} ${action} on ${c.state}`).toMatchObject({ ok: true });
      if (d.ok) c = { ...c, state: d.to, claimedBy: d.claimedBy };
    }
    expect(c.state).toBe("published");
  });
});

describe("canEditContent", () => {
  it("only lead-region submitters, only in draft or changes_requested", () => {
    const allowed: string[] = [];
    for (const state of CASE_STATES)
      for (const actorKind of ACTOR_KINDS)
        if (canEditContent(ACTORS[actorKind], caseIn(state))) allowed.push(`${state}:${actorKind}`);
    expect(allowed.sort()).toEqual(
      [
        "draft:subLead",
        "draft:subLead2",
        "draft:hybrid",
        "changes_requested:subLead",
        "changes_requested:subLead2",
        "changes_requested:hybrid",
      ].sort(),
    );
  });
});

describe("canRead", () => {
  // Spec: submitters whose regions meet the lead or participating regions read in every state
  // (drafts included); reviewers/publishers/admins read every state but draft; a published case
  // is in a public bulletin, so every signed-in user reads it.
  const REGION_READERS: ActorKind[] = ["subLead", "subLead2", "subPartner", "hybrid"];
  const NON_DRAFT_READERS: ActorKind[] = ["revHolder", "revOther", "revContrib", "hybrid", "hybridOther", "publisher", "admin"];

  it.each(CASE_STATES)("in state %s", (state) => {
    const want = ACTOR_KINDS.filter(
      (a) => state === "published" || REGION_READERS.includes(a) || (state !== "draft" && NON_DRAFT_READERS.includes(a)),
    ).sort();
    const got = ACTOR_KINDS.filter((a) => canRead(ACTORS[a], caseIn(state), PARTICIPATING)).sort();
    expect(got).toEqual(want);
  });

  it("a submitter of an unrelated region reads nothing unpublished, even with no participating regions", () => {
    for (const state of CASE_STATES) expect(canRead(ACTORS.subOther, caseIn(state), [])).toBe(state === "published");
    expect(canRead(ACTORS.subPartner, caseIn("draft"), [])).toBe(false);
  });
});
