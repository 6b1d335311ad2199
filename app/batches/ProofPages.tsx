/**
 * The proof view: a batch's PDF page by page. `ProofPages` is the grid of page images (each links
 * to a large image); `ProofPanel` puts it on the batch page — with JavaScript the pages are loaded
 * in place on request (printing the PDF takes seconds, so not on every visit), without it the link
 * opens the proof page.
 */
import { Link, useFetcher } from "@remix-run/react";
import type { loader as proofLoader } from "~/routes/batches.$number_.proof";
import type { ProofPage } from "./proofs.server";
import { proofStrings as t } from "./strings";

const THUMB_WIDTH = 240;
const LARGE_WIDTH = 1240;

function pageLabel(page: ProofPage) {
  return page.printed === null ? t.front : t.printed(page.printed);
}

export function ProofPages({ number, version, pages }: { number: number; version: string; pages: readonly ProofPage[] }) {
  const src = (index: number, width: number) => `/batches/${number}/proof/${index}.png?w=${width}&v=${version}`;
  return (
    <>
      <p className="muted small">{t.pageCount(pages.length)}</p>
      <ol className="proof-pages" data-testid="proof-pages">
        {pages.map((page) => (
          <li key={page.index} className={page.starts.length ? "proof-page-item proof-page-item--start" : "proof-page-item"}>
            <figure>
              <a href={src(page.index, LARGE_WIDTH)} target="_blank" rel="noreferrer" title={t.enlarge}>
                <img
                  src={src(page.index, THUMB_WIDTH * 2)}
                  width={THUMB_WIDTH}
                  height={Math.round((THUMB_WIDTH * 297) / 210)}
                  loading="lazy"
                  alt={t.pageAlt(page.index, pageLabel(page))}
                />
              </a>
              <figcaption>
                <span className="proof-page-item__number">{pageLabel(page)}</span>
                {page.starts.map((s) => (
                  <span key={s.text} className={`proof-page-item__start proof-page-item__start--${s.level}`}>
                    {t.startsHere}
                    {s.text}
                  </span>
                ))}
              </figcaption>
            </figure>
          </li>
        ))}
      </ol>
    </>
  );
}

export function ProofPanel({ number }: { number: number }) {
  const fetcher = useFetcher<typeof proofLoader>();
  const href = `/batches/${number}/proof`;
  const loaded = fetcher.data;
  return (
    <section className="panel proof-panel" aria-labelledby="proof-title">
      <h2 id="proof-title">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      {loaded && !loaded.error ? (
        <ProofPages number={number} version={loaded.version} pages={loaded.pages} />
      ) : (
        <p>
          <Link
            to={href}
            className="button"
            aria-busy={fetcher.state !== "idle" || undefined}
            onClick={(event) => {
              event.preventDefault();
              if (fetcher.state === "idle") fetcher.load(href);
            }}
          >
            {fetcher.state !== "idle" ? t.loading : t.show}
          </Link>{" "}
          <Link to={href}>{t.open}</Link>
        </p>
      )}
      <p role="status" aria-live="polite" className="downloads__status">
        {loaded?.error ? `${t.failed}${loaded.error}` : null}
      </p>
    </section>
  );
}
