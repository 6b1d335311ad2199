import type { ContentAids, ReviewerAids } from "./types";
import type { Figure } from "./figures";
import type { StyleFinding } from "./style";
import { AIDS_STRINGS } from "./strings";
import { editorFieldHref, passageHref } from "./rule-paths";

const P = AIDS_STRINGS.panel;

function FindingList({ findings, hrefOf }: { findings: StyleFinding[]; hrefOf: (f: StyleFinding) => string }) {
  return (
    <ul className="aids-findings">
      {findings.map((f, i) => (
        <li key={i} data-rule={f.rule}>
          <span className="aids-rule">{AIDS_STRINGS.ruleNames[f.rule]}</span> {f.where}：{f.message}
          <q className="aids-excerpt">{f.excerpt}</q> <a href={hrefOf(f)}>{P.goTo}</a>
        </li>
      ))}
    </ul>
  );
}

function FlaggedFigures({ figures, hrefOf }: { figures: Figure[]; hrefOf: (f: Figure) => string }) {
  return (
    <ul className="aids-findings">
      {figures.map((f, i) => (
        <li key={i} data-rule="figures">
          <span className="aids-rule">{P.figuresTitle}</span> {f.where}：{f.value}
          {f.unit}（{f.subject}）{f.flags.join("；")} <a href={hrefOf(f)}>{P.goTo}</a>
        </li>
      ))}
    </ul>
  );
}

/** The editor's checks panel (before 提交审核): findings of what is typed now, with links to the fields. */
export function ChecksPanel({ aids }: { aids: ContentAids }) {
  const flagged = aids.figures.filter((f) => f.flags.length);
  const clean = !aids.findings.length && !flagged.length;
  return (
    <section className="aids-panel" aria-labelledby="aids-checks-title" data-testid="checks-panel">
      <h2 id="aids-checks-title">{P.checksTitle}</h2>
      {clean ? (
        <p className="muted">{P.checksClean}</p>
      ) : (
        <>
          <p className="muted small">{P.checksIntro}</p>
          <FindingList findings={aids.findings} hrefOf={(f) => editorFieldHref(f.path)} />
          <FlaggedFigures figures={flagged} hrefOf={(f) => editorFieldHref(f.path)} />
        </>
      )}
    </section>
  );
}

/** Highlights in `text` the parts it shares with `other` (runs of 4+ characters found in both). */
function Shared({ text, other }: { text: string; other: string }) {
  const parts: { s: string; shared: boolean }[] = [];
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    let len = 0;
    while (i + len < chars.length && other.includes(chars.slice(i, i + len + 1).join(""))) len++;
    if (len >= 4) {
      parts.push({ s: chars.slice(i, i + len).join(""), shared: true });
      i += len;
    } else {
      const last = parts[parts.length - 1];
      if (last && !last.shared) last.s += chars[i];
      else parts.push({ s: chars[i], shared: false });
      i++;
    }
  }
  return <>{parts.map((p, k) => (p.shared ? <mark key={k} className="aids-shared">{p.s}</mark> : <span key={k}>{p.s}</span>))}</>;
}

/** The case page's review panel: style findings, import notes, figures table (+ CSV), similar cases. */
export function ReviewAidsPanel({ aids, csvHref }: { aids: ReviewerAids; csvHref: string }) {
  return (
    <section className="aids-panel" aria-labelledby="aids-review-title" data-testid="review-aids">
      <h2 id="aids-review-title">{P.reviewTitle}</h2>
      <h3>{P.styleTitle}</h3>
      {aids.findings.length ? <FindingList findings={aids.findings} hrefOf={(f) => passageHref(f.excerpt)} /> : <p className="muted">{P.checksClean}</p>}
      {aids.importNotes.length ? (
        <>
          <h3>{P.importNotesTitle}</h3>
          <ul className="aids-findings">
            {aids.importNotes.map((n, i) => (
              <li key={i} data-rule={n.rule}>
                <span className="aids-rule">{AIDS_STRINGS.importNote}</span> {n.message}
                <q className="aids-excerpt">{n.excerpt}</q>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>
        {P.figuresTitle} {aids.figures.length ? <a href={csvHref} download>{P.figuresCsv}</a> : null}
      </h3>
      {aids.figures.length ? (
        <div className="table-scroll">
          <table className="table aids-figures" data-testid="figures-table">
            <thead>
              <tr>
                <th>{P.figuresCols.value}</th>
                <th>{P.figuresCols.unit}</th>
                <th>{P.figuresCols.subject}</th>
                <th>{P.figuresCols.asOf}</th>
                <th>{P.figuresCols.sentence}</th>
                <th>{P.figuresCols.flag}</th>
              </tr>
            </thead>
            <tbody>
              {aids.figures.map((f, i) => (
                <tr key={i} className={f.flags.length ? "aids-flagged" : undefined}>
                  <td data-label={P.figuresCols.value}>{f.value}</td>
                  <td data-label={P.figuresCols.unit}>{f.unit}</td>
                  <td data-label={P.figuresCols.subject}>{f.subject}</td>
                  <td data-label={P.figuresCols.asOf}>{f.asOf ?? ""}</td>
                  <td data-label={P.figuresCols.sentence}>
                    <a href={passageHref(f.sentence.slice(0, 30))}>{f.sentence}</a>
                  </td>
                  <td data-label={P.figuresCols.flag}>{f.flags.join("；")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{P.figuresEmpty}</p>
      )}
      <h3>{P.similarTitle}</h3>
      {aids.similar.length ? (
        <ol className="aids-similar" data-testid="similar-cases">
          {aids.similar.map((s) => (
            <li key={s.caseId}>
              <a href={`/cases/${s.caseId}`}>{s.title}</a> · {s.region}
              {s.batch ? ` · ${P.batch(s.batch)}` : ""} · <strong>{P.similarScore(s.score)}</strong>
              {s.passages.length ? (
                <details>
                  <summary>{P.similarShared}</summary>
                  <table className="aids-side-by-side">
                    <tbody>
                      {s.passages.map((p, i) => (
                        <tr key={i}>
                          <td>
                            <Shared text={p.mine} other={p.theirs} />
                          </td>
                          <td>
                            <Shared text={p.theirs} other={p.mine} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{P.similarEmpty}</p>
      )}
    </section>
  );
}
