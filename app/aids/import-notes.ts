/**
 * Source defects the importer normalises away (so they are not in the stored text): a half-width
 * item number "(二)" for "（二）". Kept with the case as import notes, so the reviewer of an
 * imported case still sees what the published source carried.
 */
import { AIDS_STRINGS } from "./strings";
import { excerptAround, type StyleRuleId } from "./style";

export type ImportNote = { rule: StyleRuleId; excerpt: string; message: string; line: number };

const HALF_WIDTH_ITEM = /^\s*\(\s*[一二三四五六七八九十]+\s*\)|^\s*[（(]\s*[一二三四五六七八九十]+\s*\)|^\s*\(\s*[一二三四五六七八九十]+\s*）/;

/** Import notes for a case's source lines (plain text of each line, with its line number). */
export function importNotesOf(lines: { no: number; plain: string; blank?: boolean }[]): ImportNote[] {
  const out: ImportNote[] = [];
  for (const l of lines) {
    if (l.blank) continue;
    const m = HALF_WIDTH_ITEM.exec(l.plain);
    if (m) {
      const chars = [...new Set(m[0].match(/[()]/g) ?? [])].join(" ");
      out.push({ rule: "half-width-punct", excerpt: excerptAround(l.plain, 0, m[0].length, 12), message: AIDS_STRINGS.rules["half-width-punct"](chars), line: l.no });
    }
  }
  return out;
}
