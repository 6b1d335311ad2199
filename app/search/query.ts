/**
 * What the user typed into the search box, as search terms. Words separated by spaces must all
 * occur (in any order, anywhere in the case); inside a word, the text is normalised as the index
 * is (search-text.ts), so "离岸贸易" also finds "离岸\n贸易" and "ＣＥＮＩ" finds "CENI".
 */
import { normalizeSearchText, SEARCH_MAX_CHARS, SEARCH_MIN_CHARS } from "./search-text";
import { searchStrings as t } from "./strings";

export const SEARCH_MAX_TERMS = 5;

export type SearchQuery = { ok: true; terms: string[] } | { ok: false; message: string };

export function parseSearchQuery(raw: string): SearchQuery {
  // Control characters are no search terms (and PostgreSQL refuses a NUL byte).
  const words = raw.replace(/[\u0000-\u001f\u007f]/g, " ").split(/[\s\u3000]+/);
  const terms = [...new Set(words.map(normalizeSearchText).filter(Boolean))];
  if (terms.length === 0 || (terms.length === 1 && [...terms[0]!].length < SEARCH_MIN_CHARS)) return { ok: false, message: t.tooShort(SEARCH_MIN_CHARS) };
  const short = terms.find((term) => [...term].length < SEARCH_MIN_CHARS);
  if (short) return { ok: false, message: t.wordTooShort(short, SEARCH_MIN_CHARS) };
  if (terms.length > SEARCH_MAX_TERMS) return { ok: false, message: t.tooManyWords(SEARCH_MAX_TERMS) };
  if (terms.some((term) => [...term].length > SEARCH_MAX_CHARS)) return { ok: false, message: t.tooLong(SEARCH_MAX_CHARS) };
  return { ok: true, terms };
}
