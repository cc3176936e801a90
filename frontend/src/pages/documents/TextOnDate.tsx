import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "react-router-dom";
import { api, type DocumentDetail } from "../../api";
import { DateInput, refuseWrongDates } from "../../components/DateInput";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import {
  SOURCE_SLOT,
  anchorsByEid,
  dayBefore,
  footnoteWords,
  isIsoDate,
  numberFootnotes,
  todayIso,
  versionOn,
  type CompareAnswer,
  type Note,
  type Source,
  type TextAnswer,
  type VersionsAnswer,
} from "../../pointInTime";
import { useApi } from "../../useApi";
import { useWrite } from "../../useWrite";
import { FullText, type Annotations, type TextTreeNode } from "./FullText";

/** The address's date: /van-ban/12?ngay=2025-08-01#khoan-2-dieu-5 (the fragment is the provision's anchor). */
export const DATE_PARAM = "ngay";

/**
 * "Nội dung tại ngày": the document's text as in force on a date (today unless the address says), built from the
 * confirmed amending operations, with the changes as numbered footnotes in the words of a văn bản hợp nhất, the
 * changes to come marked, each provision's history on demand, the list of versions and a comparison of two dates.
 * Until the text on the date comes (or if it cannot), the stored original is shown.
 */
export function TextOnDate({ doc }: { doc: DocumentDetail }) {
  const { t, date } = useI18n();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const asked = params.get(DATE_PARAM);
  const on = isIsoDate(asked) ? asked : "";
  const answer = useApi<TextAnswer>(`/documents/${doc.id}/text/${on ? `?on=${on}` : ""}`, { keepPrevious: true });
  const versions = useApi<VersionsAnswer>(`/documents/${doc.id}/versions/`);
  const [draft, setDraft] = useState(on);
  const shownOn = answer.data?.on ?? (on || todayIso());
  const version = answer.data?.version ?? null;
  const sources = version?.sources ?? {};
  const footnotes = useMemo(() => numberFootnotes(version?.tree ?? []), [version]);

  useEffect(() => {
    // A linked provision (#khoan-2-dieu-5) is scrolled to once the text on the date is on the page.
    if (version && location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [version, location.hash]);

  const show = (iso: string) => {
    const next = new URLSearchParams(params);
    if (iso) next.set(DATE_PARAM, iso);
    else next.delete(DATE_PARAM);
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    show(draft);
  };

  const annotations: Annotations = {
    footnotes: footnotes.byEid,
    extras: (node) => <ProvisionExtras node={node} sources={sources} documentId={doc.id} on={shownOn} />,
  };
  const inForce = versions.data ? versionOn(versions.data.versions, shownOn) : null;

  return (
    <div className="text-on-date">
      <div className="text-controls">
        <form className="text-date" onSubmit={submit} noValidate>
          <label htmlFor="text-date">
            {t("text.onDate")}
          </label>
          <div className="row">
            <DateInput id="text-date" value={draft} onChange={setDraft} />
            <button type="submit">{t("text.show")}</button>
            {on && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setDraft("");
                  show("");
                }}
              >
                {t("text.today")}
              </button>
            )}
          </div>
        </form>
        {versions.data && versions.data.versions.length > 1 && (
          <nav aria-label={t("text.versions")} className="text-versions">
            <h3>{t("text.versions")}</h3>
            <ol>
              {versions.data.versions.map((each, index) => {
                const current = each.valid_from === inForce?.valid_from;
                return (
                  <li key={each.valid_from}>
                    <Link
                      to={`?${DATE_PARAM}=${each.valid_from}`}
                      aria-current={current ? "true" : undefined}
                      onClick={() => setDraft(each.valid_from)}
                    >
                      {date(each.valid_from)}
                    </Link>{" "}
                    <span className="muted">
                      {index === 0 ? t("text.versionBase") : t("text.versionChanges", { count: each.changes.length })}
                      {each.status === "repealed" && ` · ${t("text.versionRepealed")}`}
                      {current && ` ${t("text.versionCurrent")}`}
                    </span>
                  </li>
                );
              })}
            </ol>
          </nav>
        )}
      </div>
      <p className="text-shown" aria-live="polite">
        <strong>{t("text.shownOn", { date: date(shownOn) })}</strong>
        {version && (
          <span className="muted">
            {" "}
            ({version.valid_until
              ? t("text.versionSpan", { from: date(version.valid_from), until: date(dayBefore(version.valid_until)) })
              : t("text.versionOpen", { from: date(version.valid_from) })}
            )
          </span>
        )}
      </p>
      {versions.data && versions.data.held.length > 0 && <HeldOperations answer={versions.data} />}
      {answer.data && !version && <p className="notice-plain">{t("text.notYet", { date: date(shownOn) })}</p>}
      {version?.status === "repealed" && <p className="notice-plain">{t("text.docRepealed")}</p>}
      {answer.error && <p className="muted">{t("text.original")}</p>}
      {/* No version yet on that date (a document not yet in force): the text as issued, said so above. */}
      {version ? <FullText tree={version.tree} annotations={annotations} /> : <FullText tree={doc.structure} />}
      {footnotes.list.length > 0 && (
        <section aria-labelledby="footnotes-heading" className="footnotes">
          <h3 id="footnotes-heading">{t("text.footnotes")}</h3>
          <ol>
            {footnotes.list.map((footnote) => (
              <li key={footnote.n} id={`fn-${footnote.n}`} value={footnote.n}>
                <FootnoteSentence unitKind={footnote.unitKind} note={footnote.note} sources={sources} />{" "}
                <a href={`#fnref-${footnote.n}`} aria-label={t("text.backToText")} className="footnote-back">
                  ↩
                </a>
              </li>
            ))}
          </ol>
        </section>
      )}
      <Compare documentId={doc.id} tree={version?.tree ?? doc.structure} />
    </div>
  );
}

/** For staff (the API gives it to them only): confirmed operations the applier could not apply, and why. */
function HeldOperations({ answer }: { answer: VersionsAnswer }) {
  const { t } = useI18n();
  return (
    <section className="held-operations notice-plain" aria-labelledby="held-heading">
      <h3 id="held-heading">{t("text.held")}</h3>
      <p className="muted">{t("text.heldHint")}</p>
      <ul>
        {answer.held.map((held, index) => {
          const op = held.operation;
          const source = answer.sources[op.source];
          return (
            <li key={index}>
              {source ? <Link to={`/van-ban/${source.id}`}>{source.number}</Link> : op.source}, {t("ops.itemRef", { seq: op.seq })}:{" "}
              {op.instruction || [t(`ops.kind.${op.kind}`), op.target_label].filter(Boolean).join(": ")} — {held.reasons.map((reason) => reason.message).join(" ")}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A footnote's words with the amending document's number as a link to its page. */
function FootnoteSentence({ unitKind, note, sources }: { unitKind: string; note: Note; sources: Record<string, Source> }) {
  const { t, date } = useI18n();
  const [before, after] = footnoteWords(unitKind, note, sources, t, date).split(SOURCE_SLOT);
  const source = sources[note.source];
  if (after === undefined || !source) return <>{before}</>;
  return (
    <>
      {before}
      <Link to={`/van-ban/${source.id}`}>{source.number}</Link>
      {after}
    </>
  );
}

/** Under a provision: its changes to come (marked), and its history with a link to it on this date, on demand. */
function ProvisionExtras({
  node,
  sources,
  documentId,
  on,
}: {
  node: TextTreeNode;
  sources: Record<string, Source>;
  documentId: number;
  on: string;
}) {
  const { t, date } = useI18n();
  const notes = node.notes ?? [];
  const future = node.future ?? [];
  if (notes.length === 0 && future.length === 0) return null;
  return (
    <div className="provision-extras">
      {future.length > 0 && (
        <p className="future-change">
          <span className="badge badge-pending">{t("text.future")}</span>{" "}
          {future.map((note, index) => (
            <span key={index}>
              <FootnoteSentence unitKind={node.kind} note={note} sources={sources} />{" "}
            </span>
          ))}
        </p>
      )}
      {notes.length > 0 && (
        <details className="provision-history">
          <summary>
            {t("text.history")}
            <span className="visually-hidden"> — {t("text.historyOf", { label: node.label })}</span>
          </summary>
          <ol>
            {notes.map((note, index) => (
              <li key={index}>
                <FootnoteSentence unitKind={node.kind} note={note} sources={sources} />
                {note.instruction && <blockquote className="plain">{note.instruction}</blockquote>}
              </li>
            ))}
          </ol>
          <p>
            <Link to={`/van-ban/${documentId}?${DATE_PARAM}=${on}#${node.anchor}`}>
              {t("text.link", { label: node.label, date: date(on) })}
            </Link>
          </p>
        </details>
      )}
    </div>
  );
}

/** Two dates, and what changed between the texts in force on them: per provision, words added and removed. */
function Compare({ documentId, tree }: { documentId: number; tree: readonly TextTreeNode[] }) {
  const { t, date } = useI18n();
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [answer, setAnswer] = useState<CompareAnswer | null>(null);
  const { error, busy, run } = useWrite();
  const anchors = useMemo(() => anchorsByEid(tree), [tree]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement) || !first || !second) return;
    const asked = await run(async () => {
      setAnswer(await api<CompareAnswer>(`/documents/${documentId}/text/?compare=${first},${second}`));
    });
    if (!asked) setAnswer(null);
  };
  return (
    <details className="text-compare">
      <summary>{t("text.compare")}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate className="row">
        <div className="form-field">
          <label htmlFor="compare-first">{t("text.compareFirst")}</label>
          <DateInput id="compare-first" value={first} onChange={setFirst} />
        </div>
        <div className="form-field">
          <label htmlFor="compare-second">{t("text.compareSecond")}</label>
          <DateInput id="compare-second" value={second} onChange={setSecond} />
        </div>
        <button type="submit" disabled={busy}>
          {t("text.compareSubmit")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      {answer && (
        <div aria-live="polite" className="compare-answer">
          <h3>{t("text.compareTitle", { first: date(answer.first_on), second: date(answer.second_on) })}</h3>
          {answer.changes.length === 0 && <p>{t("text.compareNone")}</p>}
          <ul>
            {answer.changes.map((change) => (
              <li key={change.eid}>
                <strong>
                  {anchors.has(change.eid) ? <a href={`#${anchors.get(change.eid)}`}>{change.label}</a> : change.label}
                </strong>{" "}
                {change.changes.map((kind) => t(`text.change.${kind}`)).join(", ")}
                {[change.title, change.text].map(
                  (runs, index) =>
                    runs.some((run) => run.op !== "equal") && (
                      <p key={index} className="word-diff">
                        {runs.map((run, at) =>
                          run.op === "insert" ? (
                            <ins key={at}>
                              <span className="visually-hidden">[{t("text.added")}: </span>
                              {run.text}
                              <span className="visually-hidden">]</span>
                            </ins>
                          ) : run.op === "delete" ? (
                            <del key={at}>
                              <span className="visually-hidden">[{t("text.removed")}: </span>
                              {run.text}
                              <span className="visually-hidden">]</span>
                            </del>
                          ) : (
                            <span key={at}>{run.text}</span>
                          ),
                        )}
                      </p>
                    ),
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
