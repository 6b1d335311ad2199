/**
 * MinHash over character trigram shingles, with LSH bands (see
 * docs/decisions/0001-case-similarity.md). Pure: the same code computes a stored case's signature
 * and a query's.
 *
 * 42 bands × 3 rows = 126 slots. Two texts with Jaccard similarity s share a band with probability
 * 1 − (1 − s³)⁴²: 0.29 at s = 0.2, 0.68 at 0.3, 0.99 at 0.45 — every case worth showing (≥ 0.5) is a
 * candidate, and unrelated cases (s < 0.1) almost never are.
 */
import { normalizeSearchText } from "~/search/search-text";

export const BANDS = 42;
export const ROWS = 3;
export const SLOTS = BANDS * ROWS;

/** One seed per slot, fixed (a signature must mean the same thing in every process). */
const SEEDS = (() => {
  const out = new Int32Array(SLOTS);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < SLOTS; i++) {
    x = (x + 0x6d2b79f5) | 0;
    let z = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d);
    z ^= z + Math.imul(z ^ (z >>> 7), 0x297a2d39);
    out[i] = z ^ (z >>> 14);
  }
  return out;
})();

/** A 32-bit avalanche mix (murmur3 finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Text as compared: normalised like search, punctuation and digits' formatting dropped. */
export function comparableText(text: string): string {
  return normalizeSearchText(text).replace(/[\p{P}\p{S}]/gu, "");
}

/** Hashes of the distinct character trigrams of a comparable text. */
export function shingleHashes(comparable: string): Int32Array {
  const chars = [...comparable];
  const set = new Set<number>();
  for (let i = 0; i + 2 < chars.length; i++) {
    const a = chars[i].codePointAt(0)!, b = chars[i + 1].codePointAt(0)!, c = chars[i + 2].codePointAt(0)!;
    set.add(mix(Math.imul(a, 0x01000193) ^ Math.imul(b, 0x5bd1e995) ^ mix(c)));
  }
  return Int32Array.from(set);
}

/** The MinHash signature (126 signed 32-bit integers) of a set of shingle hashes. */
export function signatureOf(shingles: Int32Array): number[] {
  const sig = new Array<number>(SLOTS).fill(0x7fffffff);
  for (let s = 0; s < SLOTS; s++) {
    const seed = SEEDS[s];
    let min = 0x7fffffff;
    for (let i = 0; i < shingles.length; i++) {
      const h = mix(shingles[i] ^ seed);
      if (h < min) min = h;
    }
    sig[s] = min;
  }
  return sig;
}

/** The band keys: each band's 3 slots hashed into one integer. */
export function bandKeys(sig: number[]): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ Math.imul(sig[b * ROWS + r], 0x9e3779b1));
    out.push(h);
  }
  return out;
}

/** Estimated Jaccard similarity of two signatures. */
export function estimate(a: number[], b: number[]): number {
  let same = 0;
  for (let i = 0; i < SLOTS; i++) if (a[i] === b[i]) same++;
  return same / SLOTS;
}

export function signatureOfText(text: string): number[] {
  return signatureOf(shingleHashes(comparableText(text)));
}

/** Exact Jaccard similarity of two texts' trigram sets (for passages; small texts only). */
export function jaccard(a: string, b: string): number {
  const x = new Set(shingleHashes(comparableText(a)));
  const y = new Set(shingleHashes(comparableText(b)));
  if (!x.size || !y.size) return 0;
  let inter = 0;
  for (const h of x) if (y.has(h)) inter++;
  return inter / (x.size + y.size - inter);
}
