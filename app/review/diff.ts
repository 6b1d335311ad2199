/**
 * The difference between two versions of a case, section by section, character by character.
 * Pure (no database, no framework), so the diff page and the tests compute the same thing.
 *
 * Plain text of a section comes from the shared render model (`renderCaseModel`), so the
 * numbering（一）/一是 a reviewer reads in the diff is the numbering the bulletin prints. Items
 * are matched by position: item 2 of the old version against item 2 of the new one; an item only
 * one side has is shown as added or removed. Bold marks are not compared, only the words.
 */
import { diffChars } from "diff";
import type { CaseContent } from "~/cases/content/schema";
import { itemNumber } from "~/cases/content/numbering";
import { renderCaseModel, type RenderBlock } from "~/bulletin/render-model";
import { reviewStrings as t } from "./strings";

export type DiffPartType = "same" | "added" | "removed";
export type DiffPart = { type: DiffPartType; text: string };
/** What the page shows: parts, and in "only changes" mode gaps standing for unchanged text left out. */
export type DisplayPart = DiffPart | { type: "gap"; count: number };

export type SectionStatus = "unchanged" | "changed" | "added" | "removed";

export type SectionDiff = {
  /** "meta", "title", "intro", "practices.lead", "practices.items.0", "effects.heading", "effects.items.1", "nextSteps" */
  key: string;
  label: string;
  status: SectionStatus;
  parts: DiffPart[];
  /** Characters (code points) added and removed. */
  added: number;
  removed: number;
};

export type CaseDiff = { sections: SectionDiff[]; changedCount: number };

export type DiffNames = {
  /** category code → name */
  categoryNames?: Readonly<Record<string, string>>;
  /** region code → name */
  regionNames?: Readonly<Record<string, string>>;
};

type SectionText = { key: string; label: string; text: string };

const blockText = (b: RenderBlock): string => {
  switch (b.kind) {
    case "caseTitle":
      return b.text;
    case "heading":
      return `${b.number}${b.text}`;
    case "paragraph":
      return b.runs.map((r) => r.text).join("");
  }
};

/**
 * The plain text of each section of one version, in document order, from the render model.
 * Paragraphs of a section are separated by line breaks.
 */
export function sectionTexts(content: CaseContent, names: DiffNames = {}): SectionText[] {
  const out = new Map<string, SectionText>();
  const append = (key: string, label: string, text: string) => {
    const s = out.get(key);
    if (s) s.text = s.text ? `${s.text}\n${text}` : text;
    else out.set(key, { key, label, text });
  };

  const regionName = (code: string) => names.regionNames?.[code] ?? code;
  const ML = t.metaLines;
  append(
    "meta",
    t.sections.meta,
    [
      `${ML.category}：${names.categoryNames?.[content.category] ?? content.category}`,
      `${ML.leadRegion}：${regionName(content.leadRegion)}`,
      `${ML.regions}：${content.regions.length ? content.regions.map(regionName).join("、") : ML.none}`,
    ].join("\n"),
  );

  const model = renderCaseModel(content, { regionNames: names.regionNames });
  let section = 0; // level-1 headings seen: 1 practices, 2 effects, 3 next steps
  let item = -1;
  let current: { key: string; label: string } | null = null;
  for (const block of model.blocks) {
    if (block.kind === "caseTitle") {
      append("title", t.sections.title, block.text);
      continue;
    }
    if (block.kind === "heading" && block.level === 1) {
      section++;
      item = -1;
      if (section === 1) current = null;
      else if (section === 2) {
        append("effects.heading", t.sections.effectsHeading, blockText(block));
        current = null;
      } else {
        current = { key: "nextSteps", label: t.sections.nextSteps };
        append(current.key, current.label, blockText(block));
      }
      continue;
    }
    if (block.kind === "heading" && block.level === 2) {
      item++;
      const n = itemNumber(item + 1);
      current =
        section === 1
          ? { key: `practices.items.${item}`, label: t.sections.practicesItem(n) }
          : { key: `effects.items.${item}`, label: t.sections.effectsItem(n) };
      append(current.key, current.label, blockText(block));
      continue;
    }
    if (block.kind === "paragraph") {
      if (block.role === "intro") append("intro", t.sections.intro, blockText(block));
      else if (block.role === "lead") append("practices.lead", t.sections.practicesLead, blockText(block));
      else if (current) append(current.key, current.label, blockText(block));
    }
  }
  return [...out.values()];
}

const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function sectionOrder(key: string): number {
  const [a, b, c] = key.split(".");
  const i = c === undefined ? 0 : Number(c);
  switch (a) {
    case "meta":
      return 0;
    case "title":
      return 1;
    case "intro":
      return 2;
    case "practices":
      return b === "lead" ? 3 : 100 + i;
    case "effects":
      return b === "heading" ? 1000 : 1001 + i;
    case "nextSteps":
      return 5000;
    default:
      return 9000;
  }
}

/** Character-level diff of one text (code points, so no character is ever split). */
export function diffText(from: string, to: string): DiffPart[] {
  if (from === to) return from ? [{ type: "same", text: from }] : [];
  return diffChars(from, to).map((c) => ({ type: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
}

/** Compares two versions section by section. `from` null: everything is new. */
export function diffCases(from: CaseContent | null, to: CaseContent, names: DiffNames = {}): CaseDiff {
  const before = new Map((from ? sectionTexts(from, names) : []).map((s) => [s.key, s]));
  const after = new Map(sectionTexts(to, names).map((s) => [s.key, s]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => sectionOrder(a) - sectionOrder(b));
  const sections = keys.map((key): SectionDiff => {
    const old = before.get(key);
    const neu = after.get(key);
    const label = (neu ?? old)!.label;
    if (old && neu) {
      const parts = diffText(old.text, neu.text);
      const added = parts.filter((p) => p.type === "added").reduce((n, p) => n + codePoints(p.text), 0);
      const removed = parts.filter((p) => p.type === "removed").reduce((n, p) => n + codePoints(p.text), 0);
      return { key, label, status: old.text === neu.text ? "unchanged" : "changed", parts, added, removed };
    }
    if (neu) return { key, label, status: "added", parts: [{ type: "added", text: neu.text }], added: codePoints(neu.text), removed: 0 };
    return { key, label, status: "removed", parts: [{ type: "removed", text: old!.text }], added: 0, removed: codePoints(old!.text) };
  });
  return { sections, changedCount: sections.filter((s) => s.status !== "unchanged").length };
}

/**
 * For the "only what changed" view: unchanged stretches longer than 2×`context` characters keep
 * `context` characters on each side of a change and become a gap in between (at the very start
 * or end of a section only the side next to the change is kept).
 */
export function elideUnchanged(parts: readonly DiffPart[], context = 30): DisplayPart[] {
  const out: DisplayPart[] = [];
  parts.forEach((part, i) => {
    if (part.type !== "same") return void out.push(part);
    const chars = Array.from(part.text);
    const keepHead = i > 0 ? context : 0;
    const keepTail = i < parts.length - 1 ? context : 0;
    if (chars.length <= keepHead + keepTail + 10) return void out.push(part);
    if (keepHead) out.push({ type: "same", text: chars.slice(0, keepHead).join("") });
    out.push({ type: "gap", count: chars.length - keepHead - keepTail });
    if (keepTail) out.push({ type: "same", text: chars.slice(chars.length - keepTail).join("") });
  });
  return out;
}
