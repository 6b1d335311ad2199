import { localized, type Dictionary } from "~/i18n/localized";
/** Quoted title of a case in a sentence. */
export const q = (title: string) => `“${title || "（未命名）"}”`;
export const qEn = (title: string) => `“${title || "(untitled)"}”`;

export type TransitionSentence = {
  action: string;
  actor: string;
  title: string;
  reason?: string | null;
  assignee?: string | null;
  /** The state the case went to (resubmit and release say where it went). */
  to?: string | null;
};
export type CommentSentence = {
  actor: string;
  title: string;
  /** Where in the case: "导语", "主要做法（二）"…; null for a general comment. */
  where: string | null;
  quote?: string | null;
  excerpt?: string | null;
  kind: "comment" | "reply" | "resolve" | "reopen";
};

/**
 * Notifications and history lines: complete sentences that name the case by its title, so they
 * read on their own in the inbox, in an e-mail and in the case's history.
 */
const sentences_zh = {
  transition: ({ action, actor, title, reason, assignee, to }: TransitionSentence): string => {
    const why = reason ? `理由：${reason}` : "";
    switch (action) {
      case "submit":
        return `${actor}提交了案例${q(title)}，等待审核。`;
      case "withdraw":
        return `${actor}撤回了案例${q(title)}。`;
      case "claim":
        return `${actor}领取了案例${q(title)}，开始审核。`;
      case "release":
        return to === "changes_requested"
          ? `${actor}放弃领取案例${q(title)}，修改后重新提交时将进入待审队列。`
          : `${actor}放弃领取案例${q(title)}，该案例已退回待审队列。`;
      case "assign":
        return `${actor}将案例${q(title)}指派给${assignee ?? "其他审核人"}审核。`;
      case "request_changes":
        return `${actor}将案例${q(title)}退回修改。${why}`;
      case "approve":
        return `${actor}审核通过了案例${q(title)}。`;
      case "reject":
        return `${actor}决定案例${q(title)}不予采用。${why}`;
      case "resubmit":
        return to === "in_review" ? `${actor}修改后重新提交了案例${q(title)}，已回到原审核人处继续审核。` : `${actor}修改后重新提交了案例${q(title)}，等待审核。`;
      case "reopen":
        return `${actor}将案例${q(title)}重新打开为草稿。`;
      case "publish":
        return `案例${q(title)}已随公报发布。`;
      default:
        return `${actor}对案例${q(title)}执行了“${action}”。`;
    }
  },
  comment: ({ actor, title, where, quote, excerpt, kind }: CommentSentence): string => {
    const place = `${q(title)}${where ? `的${where}` : ""}`;
    const said = excerpt ? `：“${excerpt}”` : "。";
    switch (kind) {
      case "comment":
        if (quote) return `${actor}对案例${place}中“${quote}”一句发表了审核意见${said}`;
        return where ? `${actor}对案例${place}发表了审核意见${said}` : `${actor}对案例${q(title)}发表了总体审核意见${said}`;
      case "reply":
        return `${actor}回复了案例${place}的审核意见${said}`;
      case "resolve":
        return `${actor}将案例${place}的一条审核意见标记为已解决。`;
      case "reopen":
        return `${actor}重新打开了案例${place}的一条审核意见。`;
    }
  },
  created: (actor: string, title: string) => `${actor}新建了案例${q(title)}。`,
  imported: (actor: string, title: string) => `${actor}导入了案例${q(title)}。`,
  saved: (actor: string, title: string, version: number | null) => `${actor}保存了案例${q(title)}的修改${version ? `（第 ${version} 版）` : ""}。`,
  autosaved: (actor: string, title: string, count: number, version: number | null) =>
    `${actor}对案例${q(title)}的修改已自动保存${count > 1 ? ` ${count} 次` : ""}${version ? `（至第 ${version} 版）` : ""}。`,
  other: (actor: string, title: string, label: string) => `${actor}对案例${q(title)}执行了“${label}”。`,
};

const sentences_en: Dictionary<typeof sentences_zh> = {
  transition: ({ action, actor, title, reason, assignee, to }: TransitionSentence): string => {
    const why = reason ? ` Reason: ${reason}` : "";
    switch (action) {
      case "submit":
        return `${actor} submitted the case ${qEn(title)} for review.`;
      case "withdraw":
        return `${actor} withdrew the case ${qEn(title)}.`;
      case "claim":
        return `${actor} claimed the case ${qEn(title)} and started reviewing it.`;
      case "release":
        return to === "changes_requested"
          ? `${actor} released the case ${qEn(title)}; once resubmitted it goes to the review queue.`
          : `${actor} released the case ${qEn(title)}; it is back in the review queue.`;
      case "assign":
        return `${actor} assigned the case ${qEn(title)} to ${assignee ?? "another reviewer"} for review.`;
      case "request_changes":
        return `${actor} sent the case ${qEn(title)} back for changes.${why}`;
      case "approve":
        return `${actor} approved the case ${qEn(title)}.`;
      case "reject":
        return `${actor} rejected the case ${qEn(title)}.${why}`;
      case "resubmit":
        return to === "in_review"
          ? `${actor} resubmitted the case ${qEn(title)} with changes; it is back with its reviewer.`
          : `${actor} resubmitted the case ${qEn(title)} with changes for review.`;
      case "reopen":
        return `${actor} reopened the case ${qEn(title)} as a draft.`;
      case "publish":
        return `The case ${qEn(title)} was published in a bulletin.`;
      default:
        return `${actor} did “${action}” on the case ${qEn(title)}.`;
    }
  },
  comment: ({ actor, title, where, quote, excerpt, kind }: CommentSentence): string => {
    const place = `${where ? `${where} of ` : ""}the case ${qEn(title)}`;
    const said = excerpt ? `: “${excerpt}”` : ".";
    switch (kind) {
      case "comment":
        if (quote) return `${actor} commented on “${quote}” in ${place}${said}`;
        return where ? `${actor} commented on ${place}${said}` : `${actor} made a general comment on the case ${qEn(title)}${said}`;
      case "reply":
        return `${actor} replied to a comment on ${place}${said}`;
      case "resolve":
        return `${actor} marked a comment on ${place} as resolved.`;
      case "reopen":
        return `${actor} reopened a comment on ${place}.`;
    }
  },
  created: (actor: string, title: string) => `${actor} created the case ${qEn(title)}.`,
  imported: (actor: string, title: string) => `${actor} imported the case ${qEn(title)}.`,
  saved: (actor: string, title: string, version: number | null) => `${actor} saved changes to the case ${qEn(title)}${version ? ` (version ${version})` : ""}.`,
  autosaved: (actor: string, title: string, count: number, version: number | null) =>
    `${actor}'s changes to the case ${qEn(title)} were saved automatically${count > 1 ? ` ${count} times` : ""}${version ? ` (up to version ${version})` : ""}.`,
  other: (actor: string, title: string, label: string) => `${actor} did “${label}” on the case ${qEn(title)}.`,
};

export const sentences = localized({ "zh-CN": sentences_zh, en: sentences_en }, "sentences");
