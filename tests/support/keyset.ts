/** A page of a keyset-paged list as its loader returns it (app/ui/keyset.server.ts). */
export type KeysetPageData = { rows: { id: string }[]; hasMore: boolean; hasPrevious: boolean; firstCursor: string | null; lastCursor: string | null };

/**
 * Follows the 下一页 links of a keyset-paged list as a reader would (`?page=n&after=<cursor>`), from
 * page 1 to the last, calling `between` before each next page (to change the data meanwhile).
 */
export async function walkPages<P extends KeysetPageData>(load: (query: string) => Promise<P>, between?: () => Promise<unknown>, maxPages = 50) {
  const pages: string[][] = [];
  let query = "";
  for (let page = 1; page <= maxPages; page++) {
    const data = await load(query);
    pages.push(data.rows.map((r) => r.id));
    if (!data.hasMore) return { pages, last: data, page };
    await between?.();
    query = `?page=${page + 1}&after=${encodeURIComponent(data.lastCursor!)}`;
  }
  throw new Error(`more than ${maxPages} pages`);
}
