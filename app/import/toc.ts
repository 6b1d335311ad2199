/** Reading one line of a bulletin's 目录: the entry's title without its leaders and page number. */
import type { SrcLine } from "./lines";

// The 目录 line is read from its end, by hand: the regex it replaces,
// /^(.+?)(?:\s*[.．·…。]{2,}\s*(\d{1,4})?|\s*\t+\s*(\d{1,4})|\s+(\d{1,4}))\s*$/, backtracked
// polynomially on long runs of spaces or leaders (parser-regex.test.ts checks every regex left).
const isSpace = (c: string) => /\s/.test(c);
const isDigit = (c: string) => c >= "0" && c <= "9";
const TOC_LEADERS = new Set([...".．·…。"]);
const LIST_LEADERS = new Set([...".．·…"]);

function trimEndBy(s: string, test: (c: string) => boolean): string {
  let j = s.length;
  while (j > 0 && test(s[j - 1]!)) j--;
  return s.slice(0, j);
}

/** A line without its dot leaders and page number: "标题……12" → "标题", or null if it has neither. */
export function tocTitle(line: string): string | null {
  const s = line.trimEnd();
  const head = trimEndBy(s, isDigit);
  const digits = s.length - head.length;
  if (digits > 4) return null;
  const beforeNumber = head.trimEnd();
  const title = trimEndBy(beforeNumber, (c) => TOC_LEADERS.has(c));
  const leaders = beforeNumber.length - title.length;
  // (The title takes at least one character, a leader if need be: "……" alone is "…".)
  if (title.length ? leaders >= 2 : leaders >= 3) return (title.length ? title : beforeNumber.slice(0, 1)).trim() || null;
  if (digits >= 1 && head.length > 0 && isSpace(head[head.length - 1]!) && beforeNumber.length > 0) return beforeNumber.trim() || null;
  return null;
}

/** A list-item 目录 line: trailing leaders and page number dropped when there are leaders. */
function listTocTitle(line: string): string {
  const s = trimEndBy(trimEndBy(line.trimEnd(), isDigit), isSpace);
  const title = trimEndBy(s, (c) => LIST_LEADERS.has(c));
  return s.length - title.length >= 2 ? trimEndBy(title, isSpace) : line;
}

/** A 目录 line → entry title, or null if the line is not an entry. */
export function tocEntry(l: SrcLine): string | null {
  if (l.hashes > 0) return null; // a Markdown heading ends the 目录
  if (l.listItem) return listTocTitle(l.plain) || null;
  return tocTitle(l.plain);
}
