import { describe, expect, it } from "vitest";
import type { Role } from "../app/permissions/permissions";
import {
  availableActions,
  BATCH_ACTIONS,
  BATCH_STATE_LABELS,
  BATCH_STATES,
  BATCH_TRANSITIONS,
  canEditBatchContent,
  decide,
  TERMINAL_BATCH_STATES,
  type BatchAction,
  type BatchState,
  type WorkflowActor,
} from "./batch";

const ACTORS = {
  publisher: { id: "pub", roles: ["publisher"], regions: [] },
  publisherAdmin: { id: "pub-adm", roles: ["publisher", "admin"], regions: [] },
  reviewer: { id: "rev", roles: ["reviewer"], regions: [] },
  submitter: { id: "sub", roles: ["submitter"], regions: ["beijing"] },
  admin: { id: "adm", roles: ["admin"], regions: [] },
  nobody: { id: "nobody", roles: [] as Role[], regions: [] },
} satisfies Record<string, WorkflowActor>;
type ActorKind = keyof typeof ACTORS;
const ACTOR_KINDS = Object.keys(ACTORS) as ActorKind[];
const PUBLISHERS: ActorKind[] = ["publisher", "publisherAdmin"];

// Spec, independent of BATCH_TRANSITIONS: action | from | to | needs cases
const SPEC = `
  freeze    | compiling | frozen    | yes
  unfreeze  | frozen    | compiling | no
  publish   | frozen    | published | yes
`;
const RULES = SPEC.trim()
  .split("\n")
  .map((line) => {
    const [action, from, to, needsCases] = line.split("|").map((c) => c.trim());
    return { action: action as BatchAction, from: from as BatchState, to: to as BatchState, needsCases: needsCases === "yes" };
  });

function expected(action: BatchAction, state: BatchState, actor: ActorKind, caseCount: number, reason?: string) {
  const rule = RULES.find((r) => r.action === action)!;
  if (!PUBLISHERS.includes(actor)) return { ok: false, code: "forbidden-role" };
  if (rule.from !== state) return { ok: false, code: "wrong-state" };
  if (rule.needsCases && caseCount === 0) return { ok: false, code: "guard" };
  if ((reason ?? "").trim().length > 2000) return { ok: false, code: "reason-too-long" };
  return { ok: true, to: rule.to };
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

describe("batch workflow table", () => {
  it("labels states in Chinese", () => {
    expect(BATCH_STATE_LABELS).toEqual({ compiling: "编辑中", frozen: "已定稿", published: "已发布" });
  });

  it("has exactly the specified actions, only for publishers, none system", () => {
    expect(BATCH_TRANSITIONS.map((t) => t.action).sort()).toEqual([...BATCH_ACTIONS].sort());
    expect(RULES.map((r) => r.action).sort()).toEqual([...BATCH_ACTIONS].sort());
    for (const t of BATCH_TRANSITIONS) {
      expect(t.roles).toEqual(["publisher"]);
      expect(t.system).toBe(false);
      // publishing cannot be undone: the page asks first
      expect(t.irreversible).toBe(t.action === "publish");
      expect(t.label).toMatch(HAS_CHINESE);
      expect(t.timelineLabel).toMatch(HAS_CHINESE);
      expect(t.effects).toContain("audit");
    }
    expect(BATCH_TRANSITIONS.find((t) => t.action === "publish")!.effects).toContain("publish-cases");
  });
});

describe("decide: every (state, action, actor, caseCount, reason) against the spec", () => {
  it.each(BATCH_ACTIONS)("%s", (action) => {
    const mismatches: string[] = [];
    for (const state of BATCH_STATES)
      for (const actor of ACTOR_KINDS)
        for (const caseCount of [0, 3])
          for (const reason of [undefined, " 说明 ", "字".repeat(2001)]) {
            const want = expected(action, state, actor, caseCount, reason);
            const got = decide(ACTORS[actor], { state, caseCount }, action, { reason });
            const summary = got.ok ? { ok: true, to: got.to } : { ok: false, code: got.code };
            if (JSON.stringify(summary) !== JSON.stringify(want)) {
              mismatches.push(`${state}/${actor}/${caseCount}/${reason?.length}: want ${JSON.stringify(want)} got ${JSON.stringify(summary)}`);
            }
            if (!got.ok && !HAS_CHINESE.test(got.message)) mismatches.push(`not Chinese: ${got.message}`);
          }
    expect(mismatches).toEqual([]);
  });

  it("refuses an unknown action", () => {
    expect(decide(ACTORS.publisher, { state: "compiling", caseCount: 1 }, "delete")).toMatchObject({
      ok: false,
      code: "unknown-action",
    });
  });

  it("publish only from frozen", () => {
    expect(decide(ACTORS.publisher, { state: "compiling", caseCount: 5 }, "publish")).toMatchObject({
      ok: false,
      code: "wrong-state",
    });
    expect(decide(ACTORS.publisher, { state: "frozen", caseCount: 5 }, "publish")).toMatchObject({
      ok: true,
      to: "published",
    });
  });
});

describe("availableActions", () => {
  const names = (actor: ActorKind, state: BatchState, caseCount = 2) =>
    availableActions(ACTORS[actor], { state, caseCount }).map((t) => t.action).sort();

  it("offers what a publisher may do in each state", () => {
    expect(names("publisher", "compiling")).toEqual(["freeze"]);
    expect(names("publisher", "compiling", 0)).toEqual([]);
    expect(names("publisher", "frozen")).toEqual(["publish", "unfreeze"]);
    expect(names("publisher", "published")).toEqual([]);
  });

  it("offers nothing to other roles", () => {
    for (const actor of ["reviewer", "submitter", "admin", "nobody"] as ActorKind[])
      for (const state of BATCH_STATES) expect(names(actor, state)).toEqual([]);
  });
});

describe("state graph", () => {
  it("reaches every state from compiling; only published is terminal", () => {
    const seen = new Set<BatchState>(["compiling"]);
    const queue: BatchState[] = ["compiling"];
    while (queue.length) {
      const s = queue.shift()!;
      for (const t of BATCH_TRANSITIONS)
        if (t.from.includes(s) && !seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
    }
    expect([...seen].sort()).toEqual([...BATCH_STATES].sort());
    expect(TERMINAL_BATCH_STATES).toEqual(["published"]);
    for (const s of BATCH_STATES) {
      const exits = BATCH_TRANSITIONS.filter((t) => t.from.includes(s));
      if (TERMINAL_BATCH_STATES.includes(s)) expect(exits).toEqual([]);
      else expect(exits.length).toBeGreaterThan(0);
    }
  });
});

describe("canEditBatchContent", () => {
  it("only publishers, only while compiling", () => {
    for (const actor of ACTOR_KINDS)
      for (const state of BATCH_STATES)
        expect(canEditBatchContent(ACTORS[actor], { state }), `${actor}/${state}`).toBe(
          state === "compiling" && PUBLISHERS.includes(actor),
        );
  });
});
