import { renderCaseModel } from "~/bulletin/render-model";
import type { CaseDocumentContent } from "~/cases/content";

/**
 * Pure helpers of the bigram search (see db/schema/search.ts for why bigrams).
 * Text is normalised the same way for documents and queries: NFKC (full-width Latin and digits
 * become half-width), lower case, and runs of whitespace removed, because a Chinese phrase may be
 * split by a line break or a converter's stray space.
 */
export function normalizeSearchText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/** Everything a reader sees in a case, block by block as printed (title first, numbering included). */
export function readableBlocks(content: CaseDocumentContent): string[] {
  const model = renderCaseModel(content);
  const parts: string[] = [model.title];
  for (const block of model.blocks) {
    if (block.kind === "heading") parts.push(block.number + block.text);
    else if (block.kind === "paragraph") parts.push(block.runs.map((r) => r.text).join(""));
  }
  return parts;
}

/** Everything a reader sees in a case, as one normalised string: what the search index holds. */
export function searchableText(content: CaseDocumentContent): string {
  return normalizeSearchText(readableBlocks(content).join("\n"));
}

/** The distinct character bigrams of normalised text (by code point, so rare characters count once). */
export function bigramsOf(normalized: string): string[] {
  const chars = [...normalized];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i] + chars[i + 1]);
  return [...set];
}

export const SEARCH_MIN_CHARS = 2;
export const SEARCH_MAX_CHARS = 50;
