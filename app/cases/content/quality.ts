/**
 * Editorial quality checks on case text. They never change the text (the importer keeps what
 * was published); they point a reviewer at likely defects such as "孵化器 etc 科创载体" or
 * half-width punctuation "，" typed as "," in Chinese sentences.
 */
import type { CaseDocumentContent, Block } from "./schema";
import type { RichText } from "./rich-text";
import { itemNumber } from "./numbering";
import { checkText } from "~/aids/style";
import { formStrings } from "~/cases/form-strings";
import { reviewStrings } from "~/review/strings";

/** Place names in the reader's language (the case's own headings stay as written). */
const places = () => reviewStrings.places;

export type QualityWarning = { path: string; where: string; message: string };

/**
 * Defects found in one piece of text, as Chinese messages: English words between Chinese text
 * and half-width punctuation. The rules live in the one rule table of the reviewer aids
 * (app/aids/style.ts), which also has the other 公文 checks.
 */
const QUALITY_RULES = ["english-word", "half-width-punct"] as const;

export function textDefects(text: string): string[] {
  return checkText(text, "paragraph", false, QUALITY_RULES).map((f) => f.message);
}

/** Walk all text of a case with a path and a human-readable place name. */
export function forEachCaseText(
  c: CaseDocumentContent,
  visit: (text: string, path: string, where: string) => void,
): void {
  const rich = (r: RichText | undefined, path: string, where: string) => r && visit(r.text, path, where);
  visit(c.title, "title", places().title);
  c.intro.forEach((p, i) => rich(p, `intro.${i}`, formStrings.introParagraph(i + 1)));
  rich(c.practices.lead, "practices.lead", places().practicesLead);
  const blocks = (body: Block[], path: string, where: string) =>
    body.forEach((b, j) => {
      const bp = `${path}.body.${j}`;
      if (b.type === "paragraph") {
        if (b.lead) visit(b.lead, `${bp}.lead`, where);
        rich(b.text, `${bp}.text`, where);
      } else {
        rich(b.intro, `${bp}.intro`, where);
        b.points.forEach((p, k) => {
          if (p.lead) visit(p.lead, `${bp}.points.${k}.lead`, where);
          rich(p.text, `${bp}.points.${k}.text`, where);
        });
      }
    });
  c.practices.items.forEach((it, i) => {
    const where = places().practicesItem(itemNumber(i + 1));
    visit(it.heading, `practices.items.${i}.heading`, where);
    blocks(it.body, `practices.items.${i}`, where);
  });
  c.effects.items.forEach((it, i) => {
    const where = `${c.effects.heading}${itemNumber(i + 1)}`;
    visit(it.heading, `effects.items.${i}.heading`, where);
    blocks(it.body, `effects.items.${i}`, where);
  });
  const ns = c.nextSteps;
  if (ns.kind === "paragraph") rich(ns.text, "nextSteps.text", ns.heading);
  else {
    rich(ns.intro, "nextSteps.intro", ns.heading);
    ns.points.forEach((p, k) => {
      if (p.lead) visit(p.lead, `nextSteps.points.${k}.lead`, ns.heading);
      rich(p.text, `nextSteps.points.${k}.text`, ns.heading);
    });
  }
}

/** Quality warnings for a whole case (Latin words in Chinese text, half-width punctuation). */
export function qualityWarnings(c: CaseDocumentContent): QualityWarning[] {
  const out: QualityWarning[] = [];
  forEachCaseText(c, (text, path, where) => {
    for (const message of textDefects(text)) out.push({ path, where, message: `${where}：${message}` });
  });
  return out;
}
