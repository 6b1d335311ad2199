/** `%fragment%` with the LIKE wildcards in the fragment taken literally (a search box, not a pattern). */
export function likePattern(fragment: string) {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
