import { localized, type Dictionary } from "../app/i18n/localized";

/**
 * The workflows' user-visible words: state names and, per action, the button text (`label`) and
 * the history/audit wording (`timeline`). The tables (case-review-table.ts, batch.ts, call.ts)
 * read them through `labelled`, so a transition's label is in the reader's language.
 */
type ActionWords = { label: string; timeline: string };

const caseStateLabels_zh = {
  draft: "草稿",
  submitted: "已提交",
  in_review: "审核中",
  changes_requested: "退回修改",
  approved: "审核通过",
  rejected: "不予采用",
  withdrawn: "已撤回",
  published: "已发布",
} as const;

const caseStateLabels_en: Dictionary<typeof caseStateLabels_zh> = {
  draft: "Draft",
  submitted: "Submitted",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  published: "Published",
};

export const caseStateLabels = localized({ "zh-CN": caseStateLabels_zh, en: caseStateLabels_en }, "caseStateLabels");

const caseActionWords_zh = {
  submit: { label: "提交审核", timeline: "提交审核" },
  withdraw: { label: "撤回", timeline: "撤回案例" },
  claim: { label: "领取审核", timeline: "领取审核" },
  release: { label: "放弃领取", timeline: "放弃审核，退回待审队列" },
  assign: { label: "指派审核人", timeline: "指派审核人" },
  request_changes: { label: "退回修改", timeline: "退回修改" },
  approve: { label: "审核通过", timeline: "审核通过" },
  reject: { label: "不予采用", timeline: "不予采用" },
  resubmit: { label: "重新提交", timeline: "修改后重新提交" },
  reopen: { label: "重新编辑", timeline: "重新打开为草稿" },
  publish: { label: "发布", timeline: "随批次公报发布" },
} as const satisfies Record<string, ActionWords>;

const caseActionWords_en: Dictionary<typeof caseActionWords_zh> = {
  submit: { label: "Submit for review", timeline: "submitted for review" },
  withdraw: { label: "Withdraw", timeline: "withdrew the case" },
  claim: { label: "Claim for review", timeline: "claimed for review" },
  release: { label: "Release", timeline: "released it back to the review queue" },
  assign: { label: "Assign a reviewer", timeline: "assigned a reviewer" },
  request_changes: { label: "Request changes", timeline: "sent back for changes" },
  approve: { label: "Approve", timeline: "approved" },
  reject: { label: "Reject", timeline: "rejected" },
  resubmit: { label: "Resubmit", timeline: "resubmitted with changes" },
  reopen: { label: "Edit again", timeline: "reopened as a draft" },
  publish: { label: "Publish", timeline: "published with a bulletin" },
};

export const caseActionWords = localized({ "zh-CN": caseActionWords_zh, en: caseActionWords_en }, "caseActionWords");

const batchStateLabels_zh = { compiling: "编辑中", frozen: "已定稿", published: "已发布" } as const;
const batchStateLabels_en: Dictionary<typeof batchStateLabels_zh> = { compiling: "Compiling", frozen: "Final", published: "Published" };
export const batchStateLabels = localized({ "zh-CN": batchStateLabels_zh, en: batchStateLabels_en }, "batchStateLabels");

const batchActionWords_zh = {
  freeze: { label: "定稿", timeline: "批次定稿" },
  unfreeze: { label: "取消定稿", timeline: "取消定稿，恢复编辑" },
  publish: { label: "发布公报", timeline: "发布公报" },
} as const satisfies Record<string, ActionWords>;

const batchActionWords_en: Dictionary<typeof batchActionWords_zh> = {
  freeze: { label: "Make final", timeline: "made the batch final" },
  unfreeze: { label: "Unfreeze", timeline: "unfroze the batch for editing" },
  publish: { label: "Publish the bulletin", timeline: "published the bulletin" },
};

export const batchActionWords = localized({ "zh-CN": batchActionWords_zh, en: batchActionWords_en }, "batchActionWords");

const callStateLabels_zh = { open: "征集中", closed: "已截止", compiled: "已汇编成批次" } as const;
const callStateLabels_en: Dictionary<typeof callStateLabels_zh> = { open: "Open", closed: "Closed", compiled: "Compiled into a batch" };
export const callStateLabels = localized({ "zh-CN": callStateLabels_zh, en: callStateLabels_en }, "callStateLabels");

const callActionWords_zh = {
  close: { label: "提前截止", timeline: "截止征集" },
  extend: { label: "延长截止时间", timeline: "延长截止时间" },
  compile: { label: "汇编成下一批公报", timeline: "汇编成批次" },
} as const satisfies Record<string, ActionWords>;

const callActionWords_en: Dictionary<typeof callActionWords_zh> = {
  close: { label: "Close early", timeline: "closed the call" },
  extend: { label: "Extend the deadline", timeline: "extended the deadline" },
  compile: { label: "Compile into the next bulletin", timeline: "compiled into a batch" },
};

export const callActionWords = localized({ "zh-CN": callActionWords_zh, en: callActionWords_en }, "callActionWords");

/**
 * A transition table with `label` and `timelineLabel` read, at each use, from the words of its
 * action in the current language.
 */
export function labelled<R extends { action: string }>(rows: readonly R[], words: Record<R["action"], ActionWords>) {
  return rows.map((row) =>
    Object.defineProperties(
      { ...row },
      {
        label: { get: () => words[row.action as R["action"]].label, enumerable: true },
        timelineLabel: { get: () => words[row.action as R["action"]].timeline, enumerable: true },
      },
    ),
  ) as unknown as readonly (R & { readonly label: string; readonly timelineLabel: string })[];
}
