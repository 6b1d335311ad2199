/**
 * The figures check: every figure of a case (value, unit, what it counts, the 截至 date it refers
 * to, its sentence), flagged when its date is more than 18 months before the reference date (the
 * batch, or today) or when the same quantity is given two different values at the same date.
 */
import type { CaseDocumentContent } from "~/cases/content";
import { forEachCaseText } from "~/cases/content/quality";
import { AIDS_STRINGS } from "./strings";

export type Figure = {
  value: string;
  unit: string;
  /** what it counts: the words before the figure in its clause, e.g. "注册企业用户" */
  subject: string;
  /** the 截至/as-of date: "YYYY-MM", "YYYY-MM-DD" or "YYYY" (a year), null when the sentence names none */
  asOf: string | null;
  sentence: string;
  path: string;
  where: string;
  flags: string[];
};

/** Units as the bulletin writes them, longest first so "亿元" wins over "亿". */
const UNITS = [
  "个基点", "万人次", "万平方米", "平方公里", "平方米", "个百分点", "亿美元", "万美元", "亿元", "万元", "亿人次", "人次",
  "万人", "万家", "万户", "万件", "万吨", "万单", "万笔", "万条", "万份", "万个", "万次", "千米", "公里",
  "家", "个", "项", "件", "次", "人", "名", "户", "笔", "单", "份", "条", "款", "所", "张", "台", "套", "批", "种", "类", "部",
  "元", "%", "％", "倍", "吨", "亩", "天", "小时", "分钟", "秒", "GB", "TB", "Gbps", "ms", "年", "个月", "万", "亿", "位", "场", "场次", "期", "座", "支", "辆", "艘", "架",
];
const UNIT_RE = UNITS.map((u) => u.replace(/[%]/g, "\\%")).sort((a, b) => b.length - a.length).join("|");
/** A number, then a unit, optionally after 余/多 ("400 余家", "20 多个"); the unit keeps the 余/多. */
const FIGURE_RE = new RegExp(`(?<![0-9A-Za-z.])(?<!第\\s*)([0-9]+(?:\\.[0-9]+)?)\\s*((?:余|多)?\\s*(?:${UNIT_RE}))`, "g");
const AS_OF_RE = /(?:截至|截止|截止到|到)\s*(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?(?:底|末)?/g;
const YEAR_RE = /(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:(?:[1-4一二三四]\s*季度)|上半年|前\s*[三四五六七八九十0-9]+\s*个?月)?/g;
const VERBS = /(?:累计|共计|共|合计|总计|同比|环比|已|分别|达到|达|超过|超|突破|增长|增加|提升|提高|下降|减少|降低|缩短|节约|节省|实现|完成|吸引|带动|服务|覆盖|新增|约|近|逾|为|有|至|了|，)+$/;

function pad(n: string) {
  return n.padStart(2, "0");
}

function dateOf(m: RegExpMatchArray): string {
  return m[2] ? `${m[1]}-${pad(m[2])}${m[3] ? `-${pad(m[3])}` : ""}` : m[1];
}

/** Sentences of a text with their offsets (a sentence ends with 。！？；). */
function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。！？；]+[。！？；]?/g;
  for (const m of text.matchAll(re)) if (m[0].trim()) out.push({ text: m[0], start: m.index });
  return out;
}

function isDateLike(sentence: string, index: number, value: string, unit: string): boolean {
  if (unit === "年" && /^(19|20)\d{2}$/.test(value)) return true; // a year, not a duration
  if (unit === "年" || unit === "个月" || unit === "天") {
    // "3年" as a duration is a figure; "2024年8月" handled above
    return false;
  }
  const after = sentence.slice(index, index + value.length + unit.length + 2);
  return /^\d+\s*(月|日|号)/.test(after);
}

function subjectOf(sentence: string, index: number): string {
  const before = sentence.slice(0, index);
  // the clause before the figure, after any earlier figure in it
  const clause = (before.split(/[，。；：、（）“”]/).pop() ?? "").replace(/^.*[0-9]+\s*[^0-9\s]?\s*/, "");
  return clause
    .replace(AS_OF_RE, "")
    .replace(YEAR_RE, "")
    .replace(/^(?:其中|此外|目前|现已|已|共|累计|截至|截止)+/, "")
    .replace(VERBS, "")
    .trim()
    .slice(-16);
}

/** Figures of one piece of text. */
export function figuresInText(text: string, path = "", where = ""): Figure[] {
  const out: Figure[] = [];
  for (const s of sentences(text)) {
    const asOfs = [...s.text.matchAll(AS_OF_RE)];
    const years = [...s.text.matchAll(YEAR_RE)];
    for (const m of s.text.matchAll(FIGURE_RE)) {
      const [, value, unit] = m;
      if (isDateLike(s.text, m.index, value, unit)) continue;
      // the as-of date: the last 截至 before the figure, else the first in the sentence, else a year named before it
      const asOfBefore = asOfs.filter((a) => a.index < m.index).pop() ?? asOfs[0];
      // a year named before the figure, unless it is a comparison base ("比 2019 年增长 40%")
      const yearBefore = years.filter((y) => y.index < m.index && !/(?:比|较|与|同)\s*$/.test(s.text.slice(0, y.index))).pop();
      const asOf = asOfBefore ? dateOf(asOfBefore) : yearBefore ? dateOf(yearBefore) : null;
      out.push({ value, unit, subject: subjectOf(s.text, m.index), asOf, sentence: s.text.trim(), path, where, flags: [] });
    }
  }
  return out;
}

/** Whole months between an as-of date and a reference date (end of the as-of month or year). */
export function monthsBefore(asOf: string, ref: Date): number {
  const [y, m] = asOf.split("-").map(Number);
  const month = m ?? 12;
  return (ref.getUTCFullYear() - y) * 12 + (ref.getUTCMonth() + 1 - month);
}

export const STALE_MONTHS = 18;

/** Every figure of a case, in reading order, with its flags (stale date, conflicting value). */
export function caseFigures(content: CaseDocumentContent, referenceDate: Date): Figure[] {
  const figures: Figure[] = [];
  forEachCaseText(content, (text, path, where) => figures.push(...figuresInText(text, path, where)));
  const byQuantity = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.asOf) {
      const months = monthsBefore(f.asOf, referenceDate);
      if (months > STALE_MONTHS) f.flags.push(AIDS_STRINGS.figures.stale(months));
    }
    if (f.subject.length >= 2) {
      const key = `${f.subject}|${f.unit}|${f.asOf ?? ""}`;
      byQuantity.set(key, [...(byQuantity.get(key) ?? []), f]);
    }
  }
  for (const group of byQuantity.values()) {
    const values = new Set(group.map((f) => f.value));
    if (values.size < 2) continue;
    for (const f of group) {
      const others = group.filter((g) => g.value !== f.value).map((g) => `${g.value}${g.unit}`);
      f.flags.push(AIDS_STRINGS.figures.conflict([...new Set(others)].join("、")));
    }
  }
  return figures;
}
