/**
 * 公文 style checks: ONE rule table. Each rule has an id and looks at one piece of text (with
 * what kind of text it is); it returns the offending excerpts and a Chinese message for each.
 * The checks never change the text. Few false positives matter as much as catching defects:
 * each rule is tuned on the published third batch (see style.test.ts for its expected findings).
 */
import type { CaseDocumentContent } from "~/cases/content";
import { forEachCaseText } from "~/cases/content/quality";
import { AIDS_STRINGS } from "./strings";

export const STYLE_RULE_IDS = [
  "english-word",
  "half-width-punct",
  "jiezhi",
  "unbalanced-quotes",
  "unbalanced-brackets",
  "doubled-punct",
  "heading-end",
  "figure-format",
] as const;
export type StyleRuleId = (typeof STYLE_RULE_IDS)[number];

/** Where a finding is: the content path (e.g. "practices.items.1.heading") and a readable place name. */
export type StyleFinding = { rule: StyleRuleId; message: string; excerpt: string; path: string; where: string };

/** What a piece of text is; some rules only apply to some kinds. */
export type TextKind = "title" | "item-heading" | "lead" | "paragraph";
type Hit = { excerpt: string; message: string };
type TextContext = { kind: TextKind; usesWanYi: boolean };
type Rule = { id: StyleRuleId; check: (text: string, ctx: TextContext) => Hit[] };

const S = AIDS_STRINGS.rules;
const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff";
const CJK_RE = new RegExp(`[${CJK}，。、；：“”（）]`);

/** A short excerpt around a match: up to 8 characters either side. */
export function excerptAround(text: string, index: number, length: number, side = 8): string {
  const start = Math.max(0, index - side);
  const end = Math.min(text.length, index + length + side);
  return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
}

/**
 * English function words that do not belong in a Chinese official text. Acronyms and proper
 * names (CBD, ESG, CAR-T, SGtech, e窗通, UN/EDIFACT, 260Gbps) are legitimate, so the check uses a
 * list of common English words standing between Chinese text rather than "any Latin word".
 */
const ENGLISH_WORDS = new Set([
  "etc", "and", "or", "the", "of", "for", "with", "to", "in", "on", "by", "from", "as", "at",
  "is", "are", "was", "be", "an", "this", "that", "vs", "via", "per", "eg", "ie", "not",
]);
const LATIN_WORD = /[A-Za-z]+(?:\.[A-Za-z]+)*\.?/g;
const HALF_WIDTH_PUNCT = new RegExp(`(?<=[${CJK}“”])[,;:?!()]|[,;:?!()](?=[${CJK}“”])`, "g");
/** 截止 directly before a point in time (a year, a month, 目前/当前/今年/年底…); 截止日期/截止时间 are right. */
const JIEZHI = /截止(?:到)?\s*(?=[0-9０-９]{2,4}\s*年|[0-9０-９]{1,2}\s*月|目前|当前|现在|今年|去年|本年|年底|年末|上半年|[一二三四五六七八九十]+月)/g;
const DOUBLED = /([。，、；：！？])\1+|[，、；：][。，、；：]|。[，、；：]/g;
const FULL_WIDTH_DIGITS = /[０-９]+/g;
/** A long digit string: 6+ integer digits, not a year, code or telephone number inside Latin text. */
const LONG_DIGITS = /(?<![0-9A-Za-z.])[0-9]{6,}(?:\.[0-9]+)?(?![0-9A-Za-z])/g;

const RULES: Rule[] = [
  {
    id: "english-word",
    check(text) {
      const seen = new Map<string, number>();
      for (const m of text.matchAll(LATIN_WORD)) {
        const w = m[0].replace(/\./g, "").toLowerCase();
        if (!ENGLISH_WORDS.has(w)) continue;
        const before = text.slice(0, m.index).trimEnd().slice(-1);
        const after = text.slice(m.index + m[0].length).trimStart().slice(0, 1);
        if ((before === "" || CJK_RE.test(before)) && (after === "" || CJK_RE.test(after)) && (before || after)) {
          if (!seen.has(m[0])) seen.set(m[0], m.index);
        }
      }
      return [...seen].map(([w, i]) => ({ excerpt: excerptAround(text, i, w.length), message: S["english-word"](w) }));
    },
  },
  {
    id: "half-width-punct",
    check(text) {
      const matches = [...text.matchAll(HALF_WIDTH_PUNCT)];
      if (!matches.length) return [];
      const chars = [...new Set(matches.map((m) => m[0]))].join(" ");
      return [{ excerpt: excerptAround(text, matches[0].index, 1), message: S["half-width-punct"](chars) }];
    },
  },
  {
    id: "jiezhi",
    check: (text) => [...text.matchAll(JIEZHI)].map((m) => ({ excerpt: excerptAround(text, m.index, m[0].length + 6, 4), message: S.jiezhi })),
  },
  {
    id: "unbalanced-quotes",
    check(text) {
      const open = [...text.matchAll(/“/g)].length;
      const close = [...text.matchAll(/”/g)].length;
      if (open === close) return [];
      const at = firstUnbalanced(text, "“", "”");
      return [{ excerpt: excerptAround(text, at, 1), message: S["unbalanced-quotes"] }];
    },
  },
  {
    id: "unbalanced-brackets",
    check(text) {
      const out: Hit[] = [];
      for (const [o, c] of [["（", "）"], ["【", "】"], ["《", "》"]] as const) {
        if (text.split(o).length === text.split(c).length) continue;
        out.push({ excerpt: excerptAround(text, firstUnbalanced(text, o, c), 1), message: S["unbalanced-brackets"](o, c) });
      }
      return out;
    },
  },
  {
    id: "doubled-punct",
    check: (text) => [...text.matchAll(DOUBLED)].map((m) => ({ excerpt: excerptAround(text, m.index, m[0].length), message: S["doubled-punct"](m[0]) })),
  },
  {
    id: "heading-end",
    // The bulletin's item headings are full sentences ending in "。" (lead phrases get theirs from the renderer).
    check: (text, ctx) => (ctx.kind === "item-heading" && text.trim() && !/[。！？]$/.test(text.trim()) ? [{ excerpt: excerptAround(text, text.length, 0, 12), message: S["heading-end"] }] : []),
  },
  {
    id: "figure-format",
    check(text, ctx) {
      const out: Hit[] = [];
      for (const m of text.matchAll(FULL_WIDTH_DIGITS)) out.push({ excerpt: excerptAround(text, m.index, m[0].length), message: S["figure-format"].fullWidth(m[0]) });
      if (ctx.usesWanYi) {
        for (const m of text.matchAll(LONG_DIGITS)) out.push({ excerpt: excerptAround(text, m.index, m[0].length), message: S["figure-format"].longDigits(m[0]) });
      }
      return out;
    },
  },
];

/** Index of the first opening mark without a partner, or the first closing mark without one. */
function firstUnbalanced(text: string, open: string, close: string): number {
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === open) stack.push(i);
    else if (text[i] === close) {
      if (!stack.length) return i;
      stack.pop();
    }
  }
  return stack[0] ?? 0;
}

/** Findings in one piece of text (also used on an importer's source lines); `only`: these rules. */
export function checkText(
  text: string,
  kind: TextKind = "paragraph",
  usesWanYi = false,
  only?: readonly StyleRuleId[],
): { rule: StyleRuleId; excerpt: string; message: string }[] {
  const out: { rule: StyleRuleId; excerpt: string; message: string }[] = [];
  for (const r of RULES) {
    if (only && !only.includes(r.id)) continue;
    for (const h of r.check(text, { kind, usesWanYi })) out.push({ rule: r.id, ...h });
  }
  return out;
}

function kindOf(path: string): TextKind {
  if (path === "title") return "title";
  if (/^(practices|effects)\.items\.\d+\.heading$/.test(path)) return "item-heading";
  if (path.endsWith(".lead") && path !== "practices.lead") return "lead";
  return "paragraph";
}

const WAN_YI = /[0-9.]+\s*[万亿]/;

/** All style findings of a case, in reading order. */
export function styleFindings(content: CaseDocumentContent): StyleFinding[] {
  let usesWanYi = false;
  forEachCaseText(content, (text) => {
    if (WAN_YI.test(text)) usesWanYi = true;
  });
  const out: StyleFinding[] = [];
  forEachCaseText(content, (text, path, where) => {
    for (const f of checkText(text, kindOf(path), usesWanYi)) out.push({ ...f, path, where });
  });
  return out;
}
