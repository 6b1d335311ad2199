/**
 * Presentational parts of the case editor: the live preview, the conflict screen, the error
 * summary, the offer to restore a browser copy, the "leave?" dialog and the paste result.
 */
import { useEffect, useRef } from "react";
import { useWatch } from "react-hook-form";
import { CaseDocument } from "~/bulletin/CaseDocument";
import { renderCaseModel } from "~/bulletin/render-model";
import type { CaseContent } from "~/cases/content";
import { formStrings as t } from "~/cases/form-strings";
import { formatDateTime } from "~/ui/format";
import type { FlatErrors } from "./draft-schema";
import { describePath, fieldId } from "./paths";
import type { EditorOptions, EditorReply } from "./reply";
import { valuesToContent, type CaseFormValues } from "./values";

export type DisplayNames = { categoryName: (code: string) => string | undefined; regionNames: Record<string, string> };

export function displayNames(options: EditorOptions): DisplayNames {
  const categories = new Map(options.categories.map((c) => [c.code, c.name]));
  return { categoryName: (code) => categories.get(code), regionNames: Object.fromEntries(options.regions.map((r) => [r.code, r.name])) };
}

function RenderedCase({ content, names, testId }: { content: CaseContent; names: DisplayNames; testId?: string }) {
  const model = renderCaseModel(content, { categoryName: names.categoryName(content.category), regionNames: names.regionNames });
  return (
    <div data-testid={testId}>
      <dl className="case-meta">
        <div>
          <dt>{t.category}</dt>
          <dd>{model.categoryName ?? "—"}</dd>
        </div>
        <div>
          <dt>{t.leadRegion}</dt>
          <dd>{model.leadRegionName ?? "—"}</dd>
        </div>
        {model.regionNames.length ? (
          <div>
            <dt>{t.regions}</dt>
            <dd>{model.regionNames.join("、")}</dd>
          </div>
        ) : null}
      </dl>
      <CaseDocument model={model} />
    </div>
  );
}

/** The case as the bulletin will print it, from the form's current values. */
export function LivePreview({ names }: { names: DisplayNames }) {
  const values = useWatch() as CaseFormValues;
  return <RenderedCase content={valuesToContent(values)} names={names} testId="case-preview" />;
}

export function ConflictPanel(props: {
  conflict: Extract<EditorReply, { kind: "conflict" }>;
  names: DisplayNames;
  editUrl: string;
  onLoadServer: () => void;
}) {
  const { conflict, names } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [conflict]);
  return (
    <section className="case-conflict" aria-labelledby="case-conflict-title" data-testid="conflict">
      <h2 id="case-conflict-title" ref={heading} tabIndex={-1}>
        {t.conflictTitle}
      </h2>
      <p>{t.conflictBody(conflict.updatedByName ?? t.someone, formatDateTime(conflict.updatedAt), conflict.serverVersion)}</p>
      <div className="case-conflict__actions">
        <a
          href={props.editUrl}
          className="button"
          onClick={(event) => {
            event.preventDefault();
            props.onLoadServer();
          }}
        >
          {t.loadServer}
        </a>
        <button type="submit" form="case-editor" name="intent" value={`overwrite:${conflict.serverVersion}`} className="button primary">
          {t.overwrite(conflict.serverVersion)}
        </button>
      </div>
      <div className="case-conflict__versions">
        <section aria-label={t.conflictMine} data-testid="conflict-mine">
          <h3>{t.conflictMine}</h3>
          <MineNow names={names} fallback={conflict.values} />
        </section>
        <section aria-label={t.conflictTheirs(conflict.serverVersion)} data-testid="conflict-theirs">
          <h3>{t.conflictTheirs(conflict.serverVersion)}</h3>
          <RenderedCase content={conflict.theirs} names={names} />
        </section>
      </div>
    </section>
  );
}

/** "Yours": the form's values as they are now (the submitted values, and anything typed since). */
function MineNow({ names, fallback }: { names: DisplayNames; fallback: CaseFormValues }) {
  const values = useWatch() as CaseFormValues | undefined;
  return <RenderedCase content={valuesToContent(values ?? fallback)} names={names} />;
}

export function ErrorSummary({ errors, message }: { errors: FlatErrors; message: string | null }) {
  const entries = Object.entries(errors);
  if (!entries.length && !message) return null;
  return (
    <div className="form-error case-form__summary" role="alert" data-testid="error-summary">
      {message ? <p className="case-form__summary-message">{message}</p> : null}
      {entries.length ? (
        <>
          <p>{t.errorSummary(entries.length)}</p>
          <ul>
            {entries.map(([path, msg]) => (
              <li key={path}>
                <a href={`#${fieldId(path)}`}>{describePath(path)}</a>：{msg}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function LocalDraftOffer(props: { savedAt: number; baseVersion: number | null; serverVersion: number | null; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div className="notice case-local-offer" role="alert" data-testid="local-draft-offer">
      <p>
        <strong>{t.localFound}</strong> {t.localFoundDetail(formatDateTime(props.savedAt), props.baseVersion)}
        {props.baseVersion && props.serverVersion && props.baseVersion < props.serverVersion ? ` ${t.localOlderBase}` : null}
      </p>
      <div className="actions">
        <button type="button" className="button primary" onClick={props.onRestore}>
          {t.restore}
        </button>
        <button type="button" className="button" onClick={props.onDiscard}>
          {t.discard}
        </button>
      </div>
    </div>
  );
}

export function LeaveDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    stay.current?.focus();
  }, []);
  return (
    <div className="case-dialog__backdrop">
      <div className="case-dialog" role="alertdialog" aria-modal="true" aria-labelledby="leave-title" aria-describedby="leave-body">
        <h2 id="leave-title">{t.leaveTitle}</h2>
        <p id="leave-body">{t.leaveBody}</p>
        <div className="actions">
          <button type="button" className="button primary" ref={stay} onClick={onStay}>
            {t.stay}
          </button>
          <button type="button" className="button" onClick={onLeave}>
            {t.leave}
          </button>
        </div>
      </div>
    </div>
  );
}

export type PasteInfo = { ok: true; recognised: string[]; warnings: string[] } | { ok: false; message: string; problems: string[] };

export function PasteResult({ info }: { info: PasteInfo }) {
  if (!info.ok) {
    return (
      <div className="form-error" role="alert" data-testid="paste-result">
        <p>{info.message}</p>
        {info.problems.length ? (
          <ul>
            {info.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <div className="notice case-paste-result" role="status" data-testid="paste-result">
      <p>{t.pasteRecognised}</p>
      <ul>
        {info.recognised.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      {info.warnings.length ? (
        <>
          <p>{t.pasteWarnings}</p>
          <ul className="case-paste-result__warnings">
            {info.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
