/**
 * Validators of a published bulletin's public page, read from stored timestamps in one statement,
 * without loading or rendering the bulletin: the server answers a revalidation (304) from these
 * alone, so a reverse proxy or CDN can keep the page and ask cheaply whether it is still current.
 *
 * The page is a function of the batch (frozen at publication; `updated_at` moves with any change),
 * its errata, and the region and category names it prints; and of the app build (the HTML names
 * the build's asset files), which the caller passes in.
 */
import { sql } from "drizzle-orm";
import { batchErrata, batches, categories, regions } from "#db/schema";
import { rowsOf, type Executor } from "~/db/db.server";

export type PageValidators = { etag: string; lastModified: Date };

export async function bulletinPageValidators(db: Executor, number: number, buildVersion: string): Promise<PageValidators | null> {
  const rows = rowsOf<{ id: number; changed: string | Date; errata: number }>(
    await db.execute(sql`
      select ${batches.id} as id,
             greatest(${batches.updatedAt}, ${batches.publishedAt},
                      (select max(${batchErrata.createdAt}) from ${batchErrata} where ${batchErrata.batchId} = ${batches.id}),
                      (select max(${regions.updatedAt}) from ${regions}),
                      (select max(${categories.updatedAt}) from ${categories})) as changed,
             (select count(*)::int from ${batchErrata} where ${batchErrata.batchId} = ${batches.id}) as errata
      from ${batches}
      where ${batches.number} = ${number} and ${batches.state} = 'published'`),
  );
  const row = rows[0];
  if (!row) return null;
  const changed = new Date(row.changed);
  // Weak: the same page leaves gzip-compressed or not, so the bytes differ while the page does not.
  return { etag: `W/"bulletin-${row.id}-${changed.getTime().toString(36)}-e${row.errata}-${buildVersion}"`, lastModified: changed };
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since (HTTP dates have whole seconds). */
export function notModified(headers: { ifNoneMatch?: string | null; ifModifiedSince?: string | null }, validators: PageValidators) {
  const weak = (tag: string) => tag.replace(/^W\//, "");
  if (headers.ifNoneMatch) return headers.ifNoneMatch.split(/\s*,\s*/).some((t) => t === "*" || weak(t) === weak(validators.etag));
  if (headers.ifModifiedSince) {
    const since = Date.parse(headers.ifModifiedSince);
    return Number.isFinite(since) && since >= Math.floor(validators.lastModified.getTime() / 1000) * 1000;
  }
  return false;
}
