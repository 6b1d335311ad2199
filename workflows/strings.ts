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

const workflowMessages_zh = {
  unknownAction: (action: string) => `未知的操作：“${action}”。`,
  forbiddenRole: (label: string) => `您的角色无权执行“${label}”。`,
  caseWrongState: (state: string, label: string) => `案例当前状态为“${state}”，不能执行“${label}”。`,
  onlyLeadSubmitter: (label: string) => `只有牵头地区的填报人员可以执行“${label}”。`,
  contributor: (label: string) => `您填报或编辑过该案例，不能执行“${label}”，请由其他审核人处理。`,
  claimedByOther: (label: string) => `该案例已由其他审核人领取，只有领取人可以执行“${label}”。`,
  notClaimed: (label: string) => `该案例尚未被领取，无法执行“${label}”。`,
  onlyHolder: (label: string) => `只有领取该案例的审核人可以执行“${label}”。`,
  chooseAssignee: "请选择要指派的审核人。",
  assigneeNotReviewer: "被指派人不是审核人，不能指派。",
  assigneeContributor: "被指派人填报或编辑过该案例，不能审核该案例。",
  batchEmpty: (label: string) => `批次中还没有案例，不能执行“${label}”。`,
  batchWrongState: (state: string, label: string) => `批次当前状态为“${state}”，不能执行“${label}”。`,
  newDeadlineRequired: "请填写新的截止时间。",
  newDeadlineFuture: "新的截止时间必须晚于现在。",
  newDeadlineLater: "新的截止时间必须晚于当前截止时间。",
  callStillOpen: "征集尚未截止，截止后才能汇编成批次。",
  callNoApproved: "此征集还没有审核通过的案例，不能汇编成批次。",
  callWrongState: (state: string, label: string) => `征集当前状态为“${state}”，不能执行“${label}”。`,
  callClosed: (title: string, deadline: string) => `征集《${title}》已于 ${deadline} 截止，不再接受提交。如需补报，请联系发布人延长截止时间。`,
  callCategoryNotAsked: (title: string, asked: string[], category: string) =>
    `征集《${title}》只征集以下类别的案例：${asked.join("、")}。本案例的类别“${category}”不在其中，请修改类别后再提交。`,
  callQuotaFull: (title: string, region: string, quota: number, used: number) =>
    `征集《${title}》给${region}的名额为 ${quota} 件，本地区已提交 ${used} 件，名额已满，不能再提交。如需增加名额，请联系发布人。`,
  reasonRequired: (label: string) => `请填写“${label}”的理由。`,
  reasonTooLong: (max: number, length: number) => `理由不能超过 ${max} 字（当前 ${length} 字）。`,
  caseNotFound: "案例不存在。",
  caseGone: "案例不存在，或已被删除。",
  caseForbidden: "您无权查看该案例。",
  assigneeGone: "被指派人不存在或已停用。",
  contentMissing: (label: string) => `案例内容缺失，不能${label}。`,
  contentIncomplete: (label: string, messages: string[]) => `案例内容不完整，不能${label}：${messages.join("；")}。请先编辑补全。`,
  stale: (state: string | null) => `该案例已被他人处理，当前状态为“${state ?? "未知"}”。请刷新页面查看最新情况后再操作。`,
} as const;

const workflowMessages_en: Dictionary<typeof workflowMessages_zh> = {
  unknownAction: (action: string) => `Unknown action: “${action}”.`,
  forbiddenRole: (label: string) => `Your role may not “${label}”.`,
  caseWrongState: (state: string, label: string) => `The case is “${state}”; “${label}” is not possible.`,
  onlyLeadSubmitter: (label: string) => `Only submitters of the leading region may “${label}”.`,
  contributor: (label: string) => `You submitted or edited this case, so you may not “${label}”; another reviewer must handle it.`,
  claimedByOther: (label: string) => `Another reviewer has claimed this case; only they may “${label}”.`,
  notClaimed: (label: string) => `Nobody has claimed this case yet, so “${label}” is not possible.`,
  onlyHolder: (label: string) => `Only the reviewer who claimed this case may “${label}”.`,
  chooseAssignee: "Choose the reviewer to assign.",
  assigneeNotReviewer: "The assignee is not a reviewer and cannot be assigned.",
  assigneeContributor: "The assignee submitted or edited this case and may not review it.",
  batchEmpty: (label: string) => `The batch has no cases yet, so “${label}” is not possible.`,
  batchWrongState: (state: string, label: string) => `The batch is “${state}”; “${label}” is not possible.`,
  newDeadlineRequired: "Enter the new deadline.",
  newDeadlineFuture: "The new deadline must be later than now.",
  newDeadlineLater: "The new deadline must be later than the current one.",
  callStillOpen: "The call is still open; it can be compiled into a batch once it has closed.",
  callNoApproved: "No case of this call is approved yet, so it cannot be compiled into a batch.",
  callWrongState: (state: string, label: string) => `The call is “${state}”; “${label}” is not possible.`,
  callClosed: (title: string, deadline: string) => `The call “${title}” closed on ${deadline} and takes no more submissions. To submit late, ask a publisher to extend the deadline.`,
  callCategoryNotAsked: (title: string, asked: string[], category: string) =>
    `The call “${title}” asks only for cases in these categories: ${asked.join(", ")}. This case's category “${category}” is not one of them; change the category, then submit.`,
  callQuotaFull: (title: string, region: string, quota: number, used: number) =>
    `The call “${title}” gives ${region} a quota of ${quota}; the region has already submitted ${used}, so no more can be submitted. To raise the quota, ask a publisher.`,
  reasonRequired: (label: string) => `Enter the reason to “${label}”.`,
  reasonTooLong: (max: number, length: number) => `The reason may not exceed ${max} characters (now ${length}).`,
  caseNotFound: "Case not found.",
  caseGone: "The case does not exist or has been deleted.",
  caseForbidden: "You may not view this case.",
  assigneeGone: "The assignee does not exist or is disabled.",
  contentMissing: (label: string) => `The case has no content, so “${label}” is not possible.`,
  contentIncomplete: (label: string, messages: string[]) => `The case is incomplete, so “${label}” is not possible: ${messages.join("; ")}. Complete it in the editor first.`,
  stale: (state: string | null) => `Someone else has handled this case; it is now “${state ?? "unknown"}”. Reload the page to see the latest, then try again.`,
};

/** Refusals of the workflows and of the transitions that run them, in the request's language. */
export const workflowMessages = localized({ "zh-CN": workflowMessages_zh, en: workflowMessages_en }, "workflowMessages");
