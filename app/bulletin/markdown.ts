/**
 * Markdown export of a bulletin or a single case, in the bulletin's own order and conventions
 * (title, 前言, 目录 without page numbers, category headings, cases with generated numbering).
 * All user text is escaped so that Markdown/HTML in case text stays inert text.
 */
import type { BulletinInput, BulletinModel, CaseRenderModel, Run } from "./render-model";
import { renderBulletinModel, renderCaseModel } from "./render-model";
import type { CaseDocumentContent } from "~/cases/content/schema";
import type { DisplayNames } from "./render-model";
import { CASE_STRINGS } from "~/cases/content/strings";

/**
 * Escape user text for Markdown: inline syntax (`\ * _ [ ] < > & | ~ \``) everywhere, block
 * syntax (`#`, `>`, `-`, `+`, `=`, "1.") at the start of each line; inner newlines become hard
 * line breaks and blank lines are dropped (a blank line would split the paragraph).
 */
export function escapeMarkdown(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>&|~]/g, "\\$&")
        .replace(/^([#>+=-])/, "\\$1")
        .replace(/^(\d+)([.)])/, "$1\\$2"),
    )
    .join("\\\n");
}


/**
 * Runs → Markdown. Punctuation at the edges of a bold run is moved outside the `**` pair:
 * CommonMark does not open/close emphasis next to punctuation inside CJK text
 * ("在**“拨投结合”**方面" would print the asterisks), so "**资源协同。**" is written
 * "**资源协同**。".
 */
export function runsToMarkdown(runs: readonly Run[]): string {
  return runs
    .map((r) => {
      if (!r.bold) return escapeMarkdown(r.text);
      const pre = /^[\s\p{P}\p{S}]*/u.exec(r.text)![0];
      const rest = r.text.slice(pre.length);
      const post = /[\s\p{P}\p{S}]*$/u.exec(rest)![0];
      const core = rest.slice(0, rest.length - post.length);
      if (!core) return escapeMarkdown(r.text);
      return `${escapeMarkdown(pre)}**${escapeMarkdown(core)}**${escapeMarkdown(post)}`;
    })
    .join("");
}

const hashes = (n: number) => "#".repeat(Math.min(6, n));

/** One case at heading level `base` (title), sections at base+1, items at base+2. */
export function caseModelToMarkdown(model: CaseRenderModel, base = 1): string {
  const out: string[] = [];
  for (const b of model.blocks) {
    if (b.kind === "caseTitle") out.push(`${hashes(base)} ${escapeMarkdown(b.text)}`);
    else if (b.kind === "heading") out.push(`${hashes(base + b.level)} ${b.number}${escapeMarkdown(b.text)}`);
    else out.push(runsToMarkdown(b.runs));
  }
  return out.join("\n\n") + "\n";
}

export function caseToMarkdown(content: CaseDocumentContent, names: DisplayNames = {}): string {
  return caseModelToMarkdown(renderCaseModel(content, names), 1);
}

export function bulletinModelToMarkdown(model: BulletinModel): string {
  const out: string[] = [`# ${escapeMarkdown(model.title)}`];
  if (model.preface.length) {
    out.push(`## ${CASE_STRINGS.bulletin.preface}`);
    for (const p of model.preface) out.push(runsToMarkdown(p));
  }
  out.push(`## ${CASE_STRINGS.bulletin.toc}`);
  out.push(model.toc.map((e) => `${e.level === 2 ? "  " : ""}- ${escapeMarkdown(e.text)}`).join("\n"));
  for (const cat of model.categories) {
    out.push(`## ${escapeMarkdown(cat.name)}`);
    for (const c of cat.cases) out.push(caseModelToMarkdown(c, 3).trimEnd());
  }
  return out.join("\n\n") + "\n";
}

export function bulletinToMarkdown(input: BulletinInput, names: Omit<DisplayNames, "categoryName"> = {}): string {
  return bulletinModelToMarkdown(renderBulletinModel(input, names));
}
