/**
 * Paste-to-fill, before the parser: the text of one of our own case pages, selected and copied in
 * the browser, carries the page around the case — the header and navigation, the 状态 / 牵头地区 /
 * 最后修改 lines, the review buttons, the quality hints — and, after the case, the review comments,
 * the reviewer aids and the history. The parser reads the first line as the title, so it took "跳到正文" or "状态"
 * for one. This pre-pass blanks what our pages put before the case and cuts what they put after it.
 *
 * Pure, and conservative: only lines our pages print (the strings below come from the features'
 * own strings modules), only before the case's title and after its last section. A case pasted
 * from Word comes through unchanged. Stripped lines become empty lines, so the line numbers the
 * parser reports still match the pasted text.
 */
import { AIDS_STRINGS } from "~/aids/strings";
import { CASE_STRINGS } from "~/cases/content/strings";
import { caseStrings } from "~/cases/strings";
import { layoutStrings } from "~/layout/strings";
import { reviewStrings } from "~/review/strings";
import { CASE_STATE_LABELS, CASE_TRANSITIONS } from "#workflows/case-review";
import { formStrings } from "../form-strings";

export type PageChrome = {
  /** Whole lines our pages print around a case: header, navigation, buttons, headings, notices. */
  lines: ReadonlySet<string>;
  /** Labels whose value follows on the next line (a `<dt>` and its `<dd>`). */
  labels: ReadonlySet<string>;
  /** Lines starting with one of these are chrome ("当前用户：…"). */
  prefixes: readonly string[];
  /** After this heading come the hint's items ("导语第 1 段：…"), chrome as well. */
  qualityHeading: string;
  qualityItem: RegExp;
  /** Where the case ends on our pages: what follows is comments, history, the next case. */
  after: ReadonlySet<string>;
};

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const sectionNames = [CASE_STRINGS.sections.practices, ...CASE_STRINGS.sections.effects].join("|");
const actionLabels = CASE_TRANSITIONS.map((t) => t.label);

export const OUR_PAGE_CHROME: PageChrome = {
  lines: new Set([
    ...strings(layoutStrings), // with the navigation's labels (layoutStrings.nav)
    ...strings(caseStrings),
    ...strings(reviewStrings),
    ...Object.values(CASE_STATE_LABELS),
    ...actionLabels,
    ...actionLabels.flatMap((label) => [reviewStrings.reasonLabel(label), reviewStrings.confirm(label)]),
    formStrings.backToCase,
  ]),
  labels: new Set([caseStrings.state, caseStrings.batchLabel, caseStrings.category, caseStrings.leadRegion, caseStrings.regions, caseStrings.updated, reviewStrings.submittedAt, reviewStrings.claimedBy]),
  prefixes: [`${layoutStrings.signedInAs}：`],
  qualityHeading: caseStrings.qualityTitle,
  // The places qualityWarnings() names (app/cases/content/quality.ts), then "：".
  qualityItem: new RegExp(`^(?:标题|导语第 \\d+ 段|主要做法引导段|(?:${sectionNames})（[一二三四五六七八九十]+）|${CASE_STRINGS.sections.nextSteps.join("|")})：`),
  after: new Set([reviewStrings.commentsTitle, reviewStrings.commentsHidden, reviewStrings.newComment, AIDS_STRINGS.panel.reviewTitle, reviewStrings.timelineTitle, formStrings.backToCase]),
};

/** A line that can only be the case itself: a section or item heading, or a paragraph. */
const SECTION_HEADING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;
const isCaseText = (line: string) => SECTION_HEADING.test(line) || [...line].length > 60;
/** A whole sentence ("草稿已保存。"): a notice, never a case title. */
const isSentence = (line: string) => /[。！？]$/.test(line);

export type StrippedPaste = { text: string; strippedLines: number };

export function stripPageChrome(text: string, chrome: PageChrome = OUR_PAGE_CHROME): StrippedPaste {
  const lines = text.split(/\r\n|\r|\n/);
  const trimmed = lines.map((line) => line.replace(/[\u00a0\ufeff]/g, " ").trim());
  const chromeLines = new Set<number>();

  // Before the case: every line we recognise, up to the first line that can only be case text.
  // Unknown short lines in between (the title, perhaps a notice) are kept unless chrome follows them.
  let keepFrom = 0;
  let valueOf = -1;
  let inQuality = false;
  for (let i = 0; i < trimmed.length; i++) {
    const line = trimmed[i]!;
    if (!line) continue;
    const known =
      valueOf >= 0 ||
      chrome.lines.has(line) ||
      chrome.labels.has(line) ||
      chrome.prefixes.some((p) => line.startsWith(p)) ||
      (inQuality && chrome.qualityItem.test(line));
    if (known) {
      if (line === chrome.qualityHeading) inQuality = true;
      valueOf = valueOf < 0 && chrome.labels.has(line) ? i : -1;
      keepFrom = i + 1;
      continue;
    }
    if (isCaseText(line)) break;
  }
  // A notice sentence left right before the title.
  for (;;) {
    const first = trimmed.findIndex((line, i) => i >= keepFrom && line !== "");
    if (first < 0 || !isSentence(trimmed[first]!) || isCaseText(trimmed[first]!)) break;
    const next = trimmed.findIndex((line, i) => i > first && line !== "");
    if (next < 0 || isSentence(trimmed[next]!) || isCaseText(trimmed[next]!)) break;
    keepFrom = first + 1;
  }
  for (let i = 0; i < keepFrom; i++) if (trimmed[i]) chromeLines.add(i);

  // After the case: from the first heading of what our pages put below it.
  let end = lines.length;
  const title = trimmed.findIndex((line, i) => i >= keepFrom && line !== "");
  for (let i = title + 1; title >= 0 && i < trimmed.length; i++) {
    if (chrome.after.has(trimmed[i]!)) {
      end = i;
      break;
    }
  }
  for (let i = end; i < lines.length; i++) if (trimmed[i]) chromeLines.add(i);

  if (chromeLines.size === 0) return { text, strippedLines: 0 };
  const kept = lines.slice(0, end).map((line, i) => (chromeLines.has(i) ? "" : line));
  return { text: kept.join("\n"), strippedLines: chromeLines.size };
}
