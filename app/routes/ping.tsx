/**
 * A minimal page that touches no database: the floor the benchmark compares every route with
 * (the whole Remix request path, without queries). Also a cheap liveness check.
 */
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
