/**
 * Proposes the pilot regions that ACT in a case: a region named as the subject of a clause
 * ("北京积极…", "**武汉**支持…", "上海市商务委…", "，南京依托…", "一是北京…"), plus regions
 * coordinated with such a subject ("武汉与上海合作"). A region merely named as a place or an
 * object ("购买重庆、成德眉资范围内…", "联合天津港…", "中国（上海）自由贸易试验区") is not
 * proposed. This is a heuristic; a person confirms the regions in the form.
 */
import type { PilotRegion } from "~/reference/pilot-regions";
import { PILOT_REGIONS } from "~/reference/pilot-regions";
import type { CaseDocumentContent } from "~/cases/content/schema";
import { forEachCaseText } from "~/cases/content/quality";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Region codes acting in the given texts, in order of first appearance. */
export function actingRegions(texts: readonly string[], regions: readonly PilotRegion[] = PILOT_REGIONS): string[] {
  const byShort = new Map(regions.map((r) => [r.shortName, r.code]));
  const names = [...regions].map((r) => escape(r.shortName)).sort((a, b) => b.length - a.length).join("|");
  if (!names) return [];
  // subject position: start of text, after clause punctuation, or after a point marker 一是
  const subject = new RegExp(`(?:^|[。！？；，：;,:!?]|[一二三四五六七八九十]是)\\s*(${names})`, "g");
  const coordinated = new RegExp(`^(?:市|省)?\\s*(?:与|和|、)\\s*(${names})`);
  const found: string[] = [];
  const add = (short: string) => {
    const code = byShort.get(short);
    if (code && !found.includes(code)) found.push(code);
  };
  for (const text of texts) {
    const hits: { at: number; short: string }[] = [];
    for (const m of text.matchAll(subject)) {
      hits.push({ at: m.index + m[0].length - m[1].length, short: m[1] });
      // follow "A与B、C…" chains after a subject
      let rest = text.slice(m.index + m[0].length);
      let c: RegExpExecArray | null;
      let offset = m.index + m[0].length;
      while ((c = coordinated.exec(rest))) {
        hits.push({ at: offset + c[0].length - c[1].length, short: c[1] });
        offset += c[0].length;
        rest = rest.slice(c[0].length);
      }
    }
    hits.sort((a, b) => a.at - b.at).forEach((h) => add(h.short));
  }
  return found;
}

/** Region codes acting in a case, in order of first appearance (title excluded). */
export function proposeRegions(content: CaseDocumentContent, regions: readonly PilotRegion[] = PILOT_REGIONS): string[] {
  const texts: string[] = [];
  forEachCaseText(content, (text, path) => {
    if (path !== "title") texts.push(text);
  });
  return actingRegions(texts, regions);
}
