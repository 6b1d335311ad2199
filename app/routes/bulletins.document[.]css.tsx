import { BULLETIN_CSS } from "~/bulletin/BulletinDocument";

/**
 * The bulletin's stylesheet (screen and print), the same text the PDF is printed with. Public:
 * the bulletin pages are. Linked as /bulletins/document.css?v=<hash of the text>, so a change is
 * fetched at once and an unchanged one is cached.
 */
export function loader() {
  return new Response(BULLETIN_CSS, {
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
