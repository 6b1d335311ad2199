/**
 * UI pieces of the batch and bulletin pages.
 */
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { Link } from "@remix-run/react";
import { BATCH_STATE_LABELS, isBatchState } from "#workflows/batch";
import { batchStrings as t } from "./strings";
import { uiStrings } from "~/ui/strings";

export function BatchStateBadge({ state }: { state: string }) {
  return (
    <span className={`badge badge--batch-${state}`} data-testid="batch-state">
      {isBatchState(state) ? BATCH_STATE_LABELS[state] : state}
    </span>
  );
}

const FORMATS = [
  { format: "md", label: t.downloadMd },
  { format: "docx", label: t.downloadDocx },
  { format: "pdf", label: t.downloadPdf },
] as const;

/** The name a download is saved under: RFC 5987 `filename*` first, then `filename`. */
export function fileNameFromDisposition(header: string | null, fallback: string) {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header);
  return plain?.[1] || fallback;
}

/**
 * Download links for the Markdown, DOCX and PDF exports. Without JavaScript they are plain links.
 * With JavaScript the file is fetched in the background: the link says "正在生成…" (a DOCX or PDF
 * of a large batch takes seconds), other links and the page stay usable, and an error (say, no
 * PDF renderer on the server) is shown next to the links instead of a bare error page.
 */
export function DownloadLinks({ number, fileStem }: { number: number; fileStem: string }) {
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  async function download(event: MouseEvent<HTMLAnchorElement>, format: string, href: string) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy[format]) return;
    setBusy((b) => ({ ...b, [format]: true }));
    setMessage(null);
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) {
        const text = (await response.text()).trim();
        if (mounted.current) setMessage(`${t.downloadFailed}${text.slice(0, 300) || response.status}`);
        return;
      }
      const blob = await response.blob();
      const name = fileNameFromDisposition(response.headers.get("Content-Disposition"), `${fileStem}.${format}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      if (mounted.current) setMessage(`${t.downloadFailed}${t.refresh}`);
    } finally {
      if (mounted.current) setBusy((b) => ({ ...b, [format]: false }));
    }
  }

  return (
    <div className="downloads no-print">
      <span className="downloads__label">{t.downloads}：</span>
      <ul>
        {FORMATS.map(({ format, label }) => {
          const href = `/bulletins/${number}/download/${format}`;
          return (
            <li key={format}>
              <a
                href={href}
                download
                className="button small"
                aria-busy={busy[format] ? true : undefined}
                aria-disabled={busy[format] ? true : undefined}
                data-format={format}
                onClick={(event) => void download(event, format, href)}
              >
                {busy[format] ? `${label} · ${t.generating}` : label}
              </a>
            </li>
          );
        })}
      </ul>
      <p className="downloads__status" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}

/** Previous/next links of /batches and /bulletins (nothing when everything fits on one page). */
export function BatchListPager({ page, hasMore }: { page: number; hasMore: boolean }) {
  if (page <= 1 && !hasMore) return null;
  const href = (n: number) => (n <= 1 ? "?" : `?page=${n}`);
  return (
    <nav className="pager" aria-label={uiStrings.pagination}>
      {page > 1 ? <Link to={href(page - 1)}>{t.previousPage}</Link> : null}
      <span className="muted">{t.pageOf(page)}</span>
      {hasMore ? <Link to={href(page + 1)}>{t.nextPage}</Link> : null}
    </nav>
  );
}
