import { describe, expect, it } from "vitest";
import { acceptsSubmission, availableCallActions, decide, effectiveCallState, type CallWorkflowInfo } from "./call";

const publisher = { id: "p", roles: ["publisher" as const], regions: [] };
const admin = { id: "a", roles: ["admin" as const], regions: [] };
const submitter = { id: "s", roles: ["submitter" as const], regions: ["beijing"] };
const deadline = new Date("2026-12-10T16:00:00Z");
const before = new Date("2026-12-05T00:00:00Z");
const after = new Date("2026-12-11T00:00:00Z");
const call = (over: Partial<CallWorkflowInfo> = {}): CallWorkflowInfo => ({ state: "open", deadline, approvedCount: 0, ...over });
const fmt = (d: Date) => d.toISOString().slice(0, 10);

describe("the call workflow", () => {
  it("treats an open call past its deadline as closed", () => {
    expect(effectiveCallState(call(), before)).toBe("open");
    expect(effectiveCallState(call(), after)).toBe("closed");
    expect(effectiveCallState(call(), deadline)).toBe("closed");
  });

  it("refuses a submission after the deadline with a message naming the call and deadline", () => {
    const c = { title: "第五批征集", state: "open" as const, deadline, originalDeadline: deadline };
    expect(acceptsSubmission(c, before, fmt)).toEqual({ ok: true, late: false });
    const refused = acceptsSubmission(c, after, fmt);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toContain("征集《第五批征集》已于 2026-12-10 截止");
  });

  it("refuses a case outside the categories asked for, and a region past its quota, naming them", () => {
    const c = { title: "第五批征集", state: "open" as const, deadline, originalDeadline: deadline };
    const info = {
      category: { code: "finance", name: "金融服务" },
      asked: [{ code: "health", name: "医疗健康" }],
      region: { code: "beijing", name: "北京市" },
      quota: 1,
      used: 0,
    };
    expect(acceptsSubmission(c, before, fmt, info)).toMatchObject({ ok: false, guard: "category-asked" });
    const wrong = acceptsSubmission(c, before, fmt, info);
    if (!wrong.ok) expect(wrong.message).toContain("只征集以下类别的案例：医疗健康。本案例的类别“金融服务”不在其中");
    const asked = { ...info, category: { code: "health", name: "医疗健康" } };
    expect(acceptsSubmission(c, before, fmt, asked)).toEqual({ ok: true, late: false });
    const full = acceptsSubmission(c, before, fmt, { ...asked, used: 1 });
    expect(full).toMatchObject({ ok: false, guard: "within-quota" });
    if (!full.ok) expect(full.message).toContain("给北京市的名额为 1 件，本地区已提交 1 件，名额已满");
    expect(acceptsSubmission(c, before, fmt, { ...asked, used: 5, quota: null })).toEqual({ ok: true, late: false });
    // Any category when the call asks for none.
    expect(acceptsSubmission(c, before, fmt, { ...info, asked: [] })).toEqual({ ok: true, late: false });
  });

  it("marks a submission late when the call was extended past its first deadline", () => {
    const extended = { title: "x", state: "open" as const, deadline: new Date("2026-12-20T00:00:00Z"), originalDeadline: deadline };
    expect(acceptsSubmission(extended, after, fmt)).toEqual({ ok: true, late: true });
  });

  it("extends only to a later deadline in the future, by publisher or admin", () => {
    expect(decide(publisher, call(), "extend", after, { deadline: new Date("2026-12-20T00:00:00Z") })).toMatchObject({ ok: true, to: "open" });
    expect(decide(admin, call(), "extend", before, { deadline: new Date("2026-12-09T00:00:00Z") })).toMatchObject({ ok: false, guard: "later-deadline" });
    expect(decide(publisher, call(), "extend", after, { deadline: new Date("2026-12-10T20:00:00Z") })).toMatchObject({ ok: false, message: "新的截止时间必须晚于现在。" });
    expect(decide(submitter, call(), "extend", before, { deadline: after })).toMatchObject({ ok: false, code: "forbidden-role" });
  });

  it("compiles only after the deadline, with an approved case, by a publisher", () => {
    expect(decide(publisher, call({ approvedCount: 1 }), "compile", before)).toMatchObject({ ok: false, guard: "submissions-over" });
    expect(decide(publisher, call(), "compile", after)).toMatchObject({ ok: false, guard: "has-approved" });
    expect(decide(publisher, call({ approvedCount: 1 }), "compile", after)).toMatchObject({ ok: true, to: "compiled" });
    expect(decide(admin, call({ approvedCount: 1 }), "compile", after)).toMatchObject({ ok: false, code: "forbidden-role" });
    expect(decide(publisher, call({ state: "compiled", approvedCount: 1 }), "compile", after)).toMatchObject({ ok: false, code: "wrong-state" });
  });

  it("offers the buttons the decisions allow", () => {
    expect(availableCallActions(publisher, call(), before).map((t) => t.action)).toEqual(["close", "extend"]);
    expect(availableCallActions(publisher, call({ approvedCount: 2 }), after).map((t) => t.action)).toEqual(["extend", "compile"]);
    expect(availableCallActions(submitter, call(), before)).toEqual([]);
  });
});
