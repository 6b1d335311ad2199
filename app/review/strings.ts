import { localized, type Dictionary } from "~/i18n/localized";
import { q, qEn } from "./sentence-strings";

// The notification and history sentences live in sentence-strings.ts; importers of this module keep them here.
export { sentences, type CommentSentence, type TransitionSentence } from "./sentence-strings";

/** User-visible text of the review workflow: case page actions, comments, diff, queue, timeline (zh-CN). */
const reviewStrings_zh = {
  // Case page: actions
  actionsTitle: "审核操作",
  edit: "编辑",
  reasonLabel: (action: string) => `${action}的理由`,
  reasonHint: "必填，将通知填报单位并记入案例历程。",
  confirm: (action: string) => `确认${action}`,
  assigneeLabel: "审核人",
  assigneeNone: "没有可指派的审核人（审核人不能审核本人填报或编辑过的案例）。",
  assigneeChoose: "请选择",
  claimedBy: "审核人",
  submittedAt: "提交时间",
  keptReason: "您填写的理由已保留，可复制后重新操作：",
  badTransition: "请求无效，请刷新页面后重试。",
  systemOnly: "该操作只能在公报发布时执行。",
  reasonControlChars: "理由不能包含控制字符（换行和制表符除外）。",
  assigneeInvalid: "被指派人不存在或已停用。",
  /** One-time messages after an action (flash), full sentences. */
  flash: {
    transition: (action: string, title: string, to: string, holder: string | null): string => {
      switch (action) {
        case "submit":
          return `案例${q(title)}已提交审核，审核人会收到通知。`;
        case "withdraw":
          return `案例${q(title)}已撤回。`;
        case "claim":
          return `您已领取案例${q(title)}，请开始审核。`;
        case "release":
          return to === "changes_requested" ? `您已放弃领取案例${q(title)}，修改后重新提交时将进入待审队列。` : `您已放弃领取案例${q(title)}，它已回到待审队列。`;
        case "assign":
          return `案例${q(title)}已指派给${holder ?? "审核人"}。`;
        case "request_changes":
          return `案例${q(title)}已退回修改，填报单位会收到通知；重新提交后仍由您审核。`;
        case "approve":
          return `案例${q(title)}已审核通过。`;
        case "reject":
          return `案例${q(title)}已标记为不予采用。`;
        case "resubmit":
          return to === "in_review" ? `案例${q(title)}已重新提交，将由${holder ?? "原审核人"}继续审核。` : `案例${q(title)}已重新提交审核。`;
        case "reopen":
          return `案例${q(title)}已重新打开为草稿，可以继续编辑。`;
        default:
          return `案例${q(title)}的状态已更新。`;
      }
    },
    comment: (title: string) => `您对案例${q(title)}的审核意见已发表。`,
    reply: (title: string) => `您对案例${q(title)}审核意见的回复已发表。`,
    resolve: "该意见已标记为已解决。",
    reopenComment: "该意见已重新打开。",
    saved: (title: string, version: number) => `案例${q(title)}的草稿已保存（第 ${version} 版）。`,
    created: (title: string) => `案例${q(title)}已创建，草稿已保存。`,
  },
  confirmMessage: (action: string, title: string) =>
    action === "approve"
      ? `审核通过后案例${q(title)}将进入待发布状态，不能撤销。确定审核通过吗？`
      : action === "reject"
        ? `标记为不予采用后，案例${q(title)}的审核即告结束，不能撤销。确定不予采用吗？`
        : `此操作不能撤销。确定对案例${q(title)}执行吗？`,
  confirmReason: (reason: string) => `理由：${reason}`,

  // Banner of a returned case
  bannerTitle: "审核人已退回修改",
  bannerWho: (by: string, at: string) => `${by}于 ${at} 退回了本案例，理由如下：`,
  bannerOpen: (n: number) => `还有 ${n} 条审核意见未解决。`,
  bannerNoneOpen: "审核意见均已解决。",
  bannerToComments: "查看意见",

  // What changed since your review
  sinceTitle: (from: number, to: number) => `自您审核以来的修改（第 ${from} 版 → 第 ${to} 版）`,
  sinceFullDiff: "查看完整对比",
  sinceComments: "您的审核意见",
  sinceReplies: (n: number) => `填报单位已回复 ${n} 条。`,
  sinceToThread: "查看讨论",

  // Comments
  commentsTitle: "审核意见",
  commentsEmpty: "暂无审核意见。",
  commentsHidden: "审核意见仅对审核人员和牵头地区填报人员可见。",
  newComment: "发表意见",
  anchorLabel: "针对",
  bodyLabel: "意见内容",
  replyLabel: "回复内容",
  reply: "回复",
  sendReply: "发表回复",
  resolve: "标记已解决",
  reopen: "重新打开",
  resolved: "已解决",
  statusOpen: "未解决",
  statusOutdated: "已过时",
  passageGone: "原文已删除或改写",
  passageChanged: "原文已修改",
  showPassage: "在正文中查看",
  quoteLabel: "引用原文（可选）",
  quoteHint: "在正文中选中一段文字即可引用；也可从正文复制一段粘贴到这里。留空则针对整个部分。",
  clearPick: "取消引用",
  selectHint: "在正文中选中一段文字，可以直接针对这段文字发表意见。",
  selectOneParagraph: "请在同一段文字内选择。",
  selectTooLong: "所选文字过长（最多 500 字）。",
  commentSelection: "评论所选文字",
  passageMark: "此处有未解决的审核意见",
  resolvedBy: (name: string, at: string) => `${name} 于 ${at} 标记为已解决`,
  commentVersion: (v: number) => `针对第 ${v} 版`,
  openCount: (n: number) => `${n} 条未解决`,
  bodyRequired: "请填写意见内容。",
  bodyControlChars: "意见内容不能包含控制字符（换行和制表符除外）。",
  bodyTooLong: (max: number, n: number) => `意见内容不能超过 ${max} 字（当前 ${n} 字）。`,
  anchorInvalid: "请选择意见针对的位置。",
  quoteProblem: {
    missing: "在所选部分中找不到引用的文字：请从正文中原样复制，或刷新页面后重新选择。",
    ambiguous: "引用的文字在所选部分中出现了不止一次，请多引用几个字。",
    invalid: "引用的文字无效：请选择同一段中的一段文字（不超过 500 字）。",
  },
  parentInvalid: "要回复的意见不存在。",
  commentNotFound: "该意见不存在。",
  onlyRootResolves: "只能对意见（而不是回复）标记已解决。",
  alreadyResolved: "该意见已被标记为已解决。",
  notResolved: "该意见尚未标记为已解决。",
  commentForbidden: "您无权对该案例发表或处理审核意见。",
  /** Short names of the parts of a case, for sentences ("主要做法（二）"). */
  places: {
    title: "标题",
    intro: "导语",
    practicesLead: "主要做法引导段",
    practicesItem: (n: string) => `主要做法${n}`,
    effectsItem: (n: string) => `实践效果${n}`,
    nextSteps: "下一步方向",
  },
  /** Labels of the sections comments are grouped under (the others are `places`). */
  anchors: {
    general: "总体意见",
    practicesItem: (n: string, heading: string) => `主要做法${n}${heading}`,
    effectsItem: (n: string, heading: string) => `实践效果${n}${heading}`,
    removedItem: (section: string, i: number) => `${section}第 ${i + 1} 条（已删除）`,
  },

  // Diff
  diffTitle: "修改对比",
  diffFrom: "原版本",
  diffTo: "新版本",
  diffCompare: "对比",
  diffOnlyChanges: "只显示修改部分",
  diffNoPrevious: "这是该案例的首次提交，没有更早的提交可以对比。可在上方选择其他版本。",
  diffNoVersions: "该案例还没有可以对比的版本。",
  diffSame: "两个版本的内容相同。",
  diffSummary: (changed: number) => (changed ? `共有 ${changed} 处修改。` : "两个版本的内容相同。"),
  diffUnchanged: "未修改",
  diffAdded: "新增",
  diffRemoved: "删除",
  diffChanged: "已修改",
  diffCounts: (added: number, removed: number) => `+${added} / −${removed} 字`,
  diffVersionInvalid: "版本号无效。",
  diffVersionMissing: (v: number) => `该案例没有第 ${v} 版。`,
  diffBack: "返回案例",
  diffComments: "审核意见（对照新版本）",
  diffLinkLatest: "查看最近一次修改对比",
  diffGap: (n: number) => `……（省略 ${n} 字未修改内容）……`,
  diffForbidden: "您无权查看该案例的修改历史。",
  versionKinds: { save: "保存", autosave: "自动保存", submission: "提交", import: "导入" } as Record<string, string>,
  versionOption: (v: number, kind: string, at: string) => `第 ${v} 版 · ${kind} · ${at}`,
  sections: {
    meta: "基本信息",
    title: "标题",
    intro: "导语",
    practicesLead: "主要做法引导段",
    practicesItem: (n: string) => `主要做法${n}`,
    effectsHeading: "效果部分标题",
    effectsItem: (n: string) => `实践效果${n}`,
    nextSteps: "下一步方向",
  },
  metaLines: { category: "类别", leadRegion: "牵头地区", regions: "参与地区", none: "无" },

  // Timeline
  timelineTitle: "案例历程",
  timelineEmpty: "暂无记录。",
  timelineReason: "理由",
  timelineDiff: "查看修改",
  timelineRepeat: (n: number) => `（共 ${n} 次）`,
  timelineAssigned: (name: string) => `审核人：${name}`,

  // Queue
  queueTitle: "审核队列",
  queueIntro: "已提交和审核中的案例，按等待时间从长到短排列。",
  queueEmpty: "没有符合条件的案例。",
  queueState: "状态",
  queueRegion: "牵头地区",
  queueCategory: "类别",
  queueMine: "只看我领取的",
  queueAll: "全部",
  queueFilter: "筛选",
  queueTitleCol: "案例",
  queueSubmitted: "提交日期",
  queueWaiting: "等待天数",
  queueHolder: "审核人",
  queueUnclaimed: "未领取",
  queueResubmitted: "已重新提交",
  queueDays: (n: number) => `${n} 天`,
  queueSelect: (title: string) => `选择“${title}”`,
  bulkClaim: "认领所选",
  bulkApprove: "通过所选",
  bulkNone: "请先勾选案例。",
  bulkApproveConfirm: (n: number | null) => `将审核通过所选的${n ? ` ${n} 个` : ""}案例，审核通过后不能撤销。确定吗？`,
  bulkTooMany: (max: number) => `一次最多处理 ${max} 个案例。`,
  bulkResult: (ok: number, failed: number) => `成功 ${ok} 个，失败 ${failed} 个。`,
  bulkOk: (title: string, label: string) => `“${title}”：${label}成功。`,
  bulkFailed: (title: string, message: string) => `“${title}”：${message}`,
  bulkUnknownCase: "案例不存在。",
  bulkInvalid: "请求无效，请刷新页面后重试。",
  prev: "上一页",
  next: "下一页",
  page: (n: number) => `第 ${n} 页`,
  queueForbidden: "只有审核人和系统管理员可以查看审核队列。",

  // All cases (admins)
  allCasesTitle: "全部案例",
  allCasesIntro: "已提交过的全部案例（草稿属于填报地区，提交前不显示），筛选与审核队列相同；可在此指派或改派审核人。",
  allCasesAssign: "指派",
  allCasesReassign: "改派",
  allCasesAssignTo: (title: string) => `将“${title}”指派给`,
  allCasesNoAssign: "—",
  assigneeChooseFirst: "请选择要指派的审核人。",
} as const;

const reviewStrings_en: Dictionary<typeof reviewStrings_zh> = {
  actionsTitle: "Review actions",
  edit: "Edit",
  reasonLabel: (action: string) => `Reason to ${action.toLowerCase()}`,
  reasonHint: "Required; the submitting region is notified and it is recorded in the case's history.",
  confirm: (action: string) => `Confirm: ${action}`,
  assigneeLabel: "Reviewer",
  assigneeNone: "No reviewer to assign (reviewers may not review cases they submitted or edited).",
  assigneeChoose: "Choose",
  claimedBy: "Reviewer",
  submittedAt: "Submitted",
  keptReason: "The reason you entered is kept; copy it and try again:",
  badTransition: "Invalid request; reload the page and try again.",
  systemOnly: "This happens only when a bulletin is published.",
  reasonControlChars: "The reason may not contain control characters (other than line breaks and tabs).",
  assigneeInvalid: "The assignee does not exist or is disabled.",
  flash: {
    transition: (action: string, title: string, to: string, holder: string | null): string => {
      switch (action) {
        case "submit":
          return `The case ${qEn(title)} is submitted for review; reviewers are notified.`;
        case "withdraw":
          return `The case ${qEn(title)} is withdrawn.`;
        case "claim":
          return `You claimed the case ${qEn(title)}; you can start reviewing.`;
        case "release":
          return to === "changes_requested"
            ? `You released the case ${qEn(title)}; once resubmitted it goes to the review queue.`
            : `You released the case ${qEn(title)}; it is back in the review queue.`;
        case "assign":
          return `The case ${qEn(title)} is assigned to ${holder ?? "a reviewer"}.`;
        case "request_changes":
          return `The case ${qEn(title)} is sent back for changes and the submitting region notified; once resubmitted it comes back to you.`;
        case "approve":
          return `The case ${qEn(title)} is approved.`;
        case "reject":
          return `The case ${qEn(title)} is rejected.`;
        case "resubmit":
          return to === "in_review" ? `The case ${qEn(title)} is resubmitted; ${holder ?? "its reviewer"} continues the review.` : `The case ${qEn(title)} is resubmitted for review.`;
        case "reopen":
          return `The case ${qEn(title)} is reopened as a draft and can be edited again.`;
        default:
          return `The state of the case ${qEn(title)} is updated.`;
      }
    },
    comment: (title: string) => `Your comment on the case ${qEn(title)} is posted.`,
    reply: (title: string) => `Your reply to a comment on the case ${qEn(title)} is posted.`,
    resolve: "The comment is marked as resolved.",
    reopenComment: "The comment is reopened.",
    saved: (title: string, version: number) => `The draft of the case ${qEn(title)} is saved (version ${version}).`,
    created: (title: string) => `The case ${qEn(title)} is created and its draft saved.`,
  },
  confirmMessage: (action: string, title: string) =>
    action === "approve"
      ? `Once approved, the case ${qEn(title)} waits for publication; this cannot be undone. Approve it?`
      : action === "reject"
        ? `Once rejected, the review of the case ${qEn(title)} ends; this cannot be undone. Reject it?`
        : `This cannot be undone. Go ahead with the case ${qEn(title)}?`,
  confirmReason: (reason: string) => `Reason: ${reason}`,
  bannerTitle: "The reviewer sent this case back for changes",
  bannerWho: (by: string, at: string) => `${by} sent this case back on ${at}, for this reason:`,
  bannerOpen: (n: number) => `${n} review ${n === 1 ? "comment is" : "comments are"} still open.`,
  bannerNoneOpen: "All review comments are resolved.",
  bannerToComments: "See the comments",
  sinceTitle: (from: number, to: number) => `Changes since your review (version ${from} → version ${to})`,
  sinceFullDiff: "See the full comparison",
  sinceComments: "Your review comments",
  sinceReplies: (n: number) => `The submitting region replied to ${n}.`,
  sinceToThread: "See the discussion",
  commentsTitle: "Review comments",
  commentsEmpty: "No review comments yet.",
  commentsHidden: "Review comments are visible to reviewers and the leading region's submitters only.",
  newComment: "Post a comment",
  anchorLabel: "On",
  bodyLabel: "Comment",
  replyLabel: "Reply",
  reply: "Reply",
  sendReply: "Post the reply",
  resolve: "Mark as resolved",
  reopen: "Reopen",
  resolved: "Resolved",
  statusOpen: "Open",
  statusOutdated: "Outdated",
  passageGone: "The passage was deleted or rewritten",
  passageChanged: "The passage was changed",
  showPassage: "Show in the text",
  quoteLabel: "Quote from the text (optional)",
  quoteHint: "Select a passage in the text to quote it, or copy a passage from the text and paste it here. Leave empty to comment on the whole part.",
  clearPick: "Remove the quote",
  selectHint: "Select a passage in the text to comment on exactly that passage.",
  selectOneParagraph: "Select within one paragraph.",
  selectTooLong: "The selection is too long (at most 500 characters).",
  commentSelection: "Comment on the selection",
  passageMark: "Open review comment here",
  resolvedBy: (name: string, at: string) => `Marked as resolved by ${name} on ${at}`,
  commentVersion: (v: number) => `on version ${v}`,
  openCount: (n: number) => `${n} open`,
  bodyRequired: "Enter the comment.",
  bodyControlChars: "The comment may not contain control characters (other than line breaks and tabs).",
  bodyTooLong: (max: number, n: number) => `The comment may not exceed ${max} characters (now ${n}).`,
  anchorInvalid: "Choose what the comment is about.",
  quoteProblem: {
    missing: "The quoted text is not in the chosen part: copy it exactly from the text, or reload the page and select again.",
    ambiguous: "The quoted text occurs more than once in the chosen part; quote a few more characters.",
    invalid: "Invalid quote: select a passage within one paragraph (at most 500 characters).",
  },
  parentInvalid: "The comment to reply to does not exist.",
  commentNotFound: "This comment does not exist.",
  onlyRootResolves: "Only comments (not replies) can be marked as resolved.",
  alreadyResolved: "This comment is already marked as resolved.",
  notResolved: "This comment is not marked as resolved.",
  commentForbidden: "You may not post or handle review comments on this case.",
  places: {
    title: "Title",
    intro: "Introduction",
    practicesLead: "Lead paragraph of the main practices",
    practicesItem: (n: string) => `Main practices ${n}`,
    effectsItem: (n: string) => `Effects ${n}`,
    nextSteps: "Next steps",
  },
  anchors: {
    general: "General comments",
    practicesItem: (n: string, heading: string) => `Main practices ${n} ${heading}`,
    effectsItem: (n: string, heading: string) => `Effects ${n} ${heading}`,
    removedItem: (section: string, i: number) => `${section}, item ${i + 1} (deleted)`,
  },
  diffTitle: "Compare versions",
  diffFrom: "Old version",
  diffTo: "New version",
  diffCompare: "Compare",
  diffOnlyChanges: "Changes only",
  diffNoPrevious: "This is the case's first submission; there is no earlier submission to compare with. Choose other versions above.",
  diffNoVersions: "This case has no versions to compare yet.",
  diffSame: "The two versions are identical.",
  diffSummary: (changed: number) => (changed ? `${changed} ${changed === 1 ? "change" : "changes"}.` : "The two versions are identical."),
  diffUnchanged: "Unchanged",
  diffAdded: "Added",
  diffRemoved: "Deleted",
  diffChanged: "Changed",
  diffCounts: (added: number, removed: number) => `+${added} / −${removed} characters`,
  diffVersionInvalid: "Invalid version number.",
  diffVersionMissing: (v: number) => `This case has no version ${v}.`,
  diffBack: "Back to the case",
  diffComments: "Review comments (against the new version)",
  diffLinkLatest: "Compare the latest changes",
  diffGap: (n: number) => `… (${n} unchanged characters left out) …`,
  diffForbidden: "You may not view this case's change history.",
  versionKinds: { save: "Save", autosave: "Autosave", submission: "Submission", import: "Import" },
  versionOption: (v: number, kind: string, at: string) => `Version ${v} · ${kind} · ${at}`,
  sections: {
    meta: "Basic information",
    title: "Title",
    intro: "Introduction",
    practicesLead: "Lead paragraph of the main practices",
    practicesItem: (n: string) => `Main practices ${n}`,
    effectsHeading: "Heading of the effects part",
    effectsItem: (n: string) => `Effects ${n}`,
    nextSteps: "Next steps",
  },
  metaLines: { category: "Category", leadRegion: "Leading region", regions: "Participating regions", none: "None" },
  timelineTitle: "Case history",
  timelineEmpty: "No entries yet.",
  timelineReason: "Reason",
  timelineDiff: "See the changes",
  timelineRepeat: (n: number) => `(${n} times)`,
  timelineAssigned: (name: string) => `Reviewer: ${name}`,
  queueTitle: "Review queue",
  queueIntro: "Submitted cases and cases in review, longest waiting first.",
  queueEmpty: "No case matches.",
  queueState: "State",
  queueRegion: "Leading region",
  queueCategory: "Category",
  queueMine: "Claimed by me only",
  queueAll: "All",
  queueFilter: "Filter",
  queueTitleCol: "Case",
  queueSubmitted: "Submitted on",
  queueWaiting: "Days waiting",
  queueHolder: "Reviewer",
  queueUnclaimed: "Unclaimed",
  queueResubmitted: "Resubmitted",
  queueDays: (n: number) => `${n} ${n === 1 ? "day" : "days"}`,
  queueSelect: (title: string) => `Select “${title}”`,
  bulkClaim: "Claim selected",
  bulkApprove: "Approve selected",
  bulkNone: "Tick some cases first.",
  bulkApproveConfirm: (n: number | null) => `This approves the${n ? ` ${n}` : ""} selected ${n === 1 ? "case" : "cases"}; approval cannot be undone. Go ahead?`,
  bulkTooMany: (max: number) => `At most ${max} cases at a time.`,
  bulkResult: (ok: number, failed: number) => `${ok} succeeded, ${failed} failed.`,
  bulkOk: (title: string, label: string) => `“${title}”: ${label} done.`,
  bulkFailed: (title: string, message: string) => `“${title}”: ${message}`,
  bulkUnknownCase: "Case not found.",
  bulkInvalid: "Invalid request; reload the page and try again.",
  prev: "Previous page",
  next: "Next page",
  page: (n: number) => `Page ${n}`,
  queueForbidden: "Only reviewers and administrators may view the review queue.",
  allCasesTitle: "All cases",
  allCasesIntro: "Every case that has been submitted (drafts belong to their region and are not shown before submission), with the review queue's filters; assign or reassign the reviewer here.",
  allCasesAssign: "Assign",
  allCasesReassign: "Reassign",
  allCasesAssignTo: (title: string) => `Assign “${title}” to`,
  allCasesNoAssign: "—",
  assigneeChooseFirst: "Choose the reviewer to assign.",
};

export const reviewStrings = localized({ "zh-CN": reviewStrings_zh, en: reviewStrings_en }, "reviewStrings");
