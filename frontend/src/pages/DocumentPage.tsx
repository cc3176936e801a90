import { useEffect, useState, type FormEvent } from "react";
import { can, useAuth } from "../auth";
import { RelationEdit } from "./documents/RelationEdit";
import { RelationForm } from "./documents/RelationForm";
import { Link, useLocation, useParams } from "react-router-dom";
import { ApiError, api, type DocumentDetail, type Relation, type StructureNode, type Timeline, type Validity } from "../api";
import { DateInput } from "../components/DateInput";
import { ErrorMessage } from "../components/ErrorMessage";
import { RelationsGraph, splitRelations } from "../components/RelationsGraph";
import { StatusBadge } from "../components/StatusBadge";
import { useI18n } from "../i18n";
import { reasonKey, statusKey } from "../status";
import { usePageTitle } from "../pageTitle";
import { useApi } from "../useApi";
import { NotFound } from "./NotFound";

export function DocumentPage() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const valid = id !== undefined && /^\d+$/.test(id);
  const detail = useApi<DocumentDetail>(valid ? `/documents/${id}/` : null);
  // `version` moves when an officer changes a relation here: the status and timeline are asked again.
  const [version, setVersion] = useState(0);
  const now = useApi<Validity>(valid ? `/documents/${id}/status/?v=${version}` : null);
  const timeline = useApi<Timeline>(valid ? `/documents/${id}/timeline/?v=${version}` : null);
  const relations = useApi<Relation[]>(valid ? `/documents/${id}/relations/?v=${version}` : null);
  const { me } = useAuth();
  const location = useLocation();

  useEffect(() => {
    // Article anchors can be linked (/van-ban/12#dieu-5): scroll once the text is on the page.
    if (detail.data && location.hash) {
      document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    }
  }, [detail.data, location.hash]);

  usePageTitle(detail.data ? `${detail.data.type.name} ${detail.data.number}` : null);
  if (!valid || detail.error?.status === 404) return <NotFound title="doc.notFound" message="doc.notFoundText" />;
  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <p aria-busy="true">{t("doc.loading")}</p>;
  const doc = detail.data;

  return (
    // Keyed by the document: what was typed or answered on one (the date check, a relation form) is not
    // carried over to the next one.
    <article className="document-page" key={doc.id}>
      <header className="document-head">
        <p className="document-type">
          {doc.type.name} {doc.number}
        </p>
        <h1>{doc.title}</h1>
        <StatusBadge status={now.data?.status ?? doc.status} />
        {can(me, "documents.write") && (
          <p>
            <Link to={`/can-bo/van-ban/${doc.id}/sua`}>{t("docs.edit")}</Link>
          </p>
        )}
      </header>
      <div className="document-grid">
        <section aria-labelledby="meta-heading" className="card">
          <h2 id="meta-heading" className="visually-hidden">
            {t("doc.number")}
          </h2>
          <dl className="meta">
            <dt>{t("doc.number")}</dt>
            <dd>{doc.number}</dd>
            <dt>{t("doc.type")}</dt>
            <dd>{doc.type.name}</dd>
            <dt>{t("doc.issuer")}</dt>
            <dd>{doc.issuer.name}</dd>
            {doc.signer && (
              <>
                <dt>{t("doc.signer")}</dt>
                <dd>{doc.signer}</dd>
              </>
            )}
            <dt>{t("doc.issuedOn")}</dt>
            <dd>{date(doc.issued_on)}</dd>
            <dt>{t("doc.effectiveFrom")}</dt>
            <dd>{date(doc.effective_from)}</dd>
            {doc.effective_until && (
              <>
                <dt>{t("doc.effectiveUntil")}</dt>
                <dd>{date(doc.effective_until)}</dd>
              </>
            )}
            {doc.fields.length > 0 && (
              <>
                <dt>{t("doc.fields")}</dt>
                <dd>{doc.fields.join(", ")}</dd>
              </>
            )}
          </dl>
          {doc.source_file_url && (
            <a
              href={doc.source_file_url}
              download={doc.source_file ?? true}
              className="download"
            >
              {t("doc.sourceFile")}
            </a>
          )}
        </section>
        <section aria-labelledby="status-heading" className="card">
          <h2 id="status-heading">{t("doc.status")}</h2>
          {now.data && <ValidityAnswer answer={now.data} />}
          <InForceOn documentId={doc.id} />
        </section>
      </div>
      <section aria-labelledby="timeline-heading" className="card">
        <h2 id="timeline-heading">{t("timeline.title")}</h2>
        {timeline.data && (
          <ol className="timeline">
            {timeline.data.timeline.map((step, index) => (
              <li key={index}>
                <time dateTime={step.since ?? undefined}>{step.since ? date(step.since) : t("timeline.start")}</time>
                <StatusBadge status={step.status} />
                <span>{t(reasonKey(step.reason))}</span>
                <CausedBy answer={step} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="relations-heading" className="card">
        <h2 id="relations-heading">{t("relations.title")}</h2>
        {relations.data && relations.data.length === 0 && <p>{t("relations.none")}</p>}
        {relations.data && relations.data.length > 0 && (
          <>
            <RelationsGraph
              document={{
                id: doc.id,
                number: doc.number,
                issuer: doc.issuer.code,
                title: doc.title,
                issued_on: doc.issued_on,
                status: doc.status,
              }}
              relations={relations.data}
            />
            <RelationList
              documentId={doc.id}
              relations={relations.data}
              editable={can(me, "documents.write")}
              onChanged={() => setVersion((n) => n + 1)}
            />
          </>
        )}
        {can(me, "documents.write") && <RelationForm sourceId={doc.id} onSaved={() => setVersion((n) => n + 1)} />}
      </section>
      <section aria-labelledby="text-heading" className="card">
        <h2 id="text-heading">{t("doc.text")}</h2>
        {doc.structure.length === 0 && !doc.text && <p>{t("doc.noText")}</p>}
        {doc.structure.length > 0 ? <FullText tree={doc.structure} /> : doc.text && <pre className="plain">{doc.text}</pre>}
      </section>
    </article>
  );
}

function CausedBy({ answer }: { answer: Validity }) {
  const { t } = useI18n();
  if (!answer.caused_by.length) return null;
  return (
    <span className="caused-by">
      {t("doc.causedBy")}:{" "}
      {answer.caused_by.map((cause, index) => (
        <span key={cause.relation_id}>
          {index > 0 && ", "}
          <Link to={`/van-ban/${cause.source_id}`}>{cause.number}</Link>
        </span>
      ))}
    </span>
  );
}

function ValidityAnswer({ answer }: { answer: Validity }) {
  const { t, date } = useI18n();
  return (
    <div className="validity" data-testid="validity">
      <p>
        <StatusBadge status={answer.status} /> {answer.since && t("doc.since", { date: date(answer.since) })}
      </p>
      <p>
        {t("doc.reason")}: {t(reasonKey(answer.reason))}
      </p>
      <p>
        <CausedBy answer={answer} />
      </p>
      {answer.provisions.length > 0 && (
        <ul className="provisions" aria-label={t("doc.provisions")}>
          {answer.provisions.map((item) => (
            <li key={item.provision}>
              {item.provision}: {t(reasonKey(item.reason))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function InForceOn({ documentId }: { documentId: number }) {
  const { t, date } = useI18n();
  const [on, setOn] = useState("");
  const [answer, setAnswer] = useState<Validity | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (!on) return;
    setBusy(true);
    setError(null);
    try {
      setAnswer(await api<Validity>(`/documents/${documentId}/status/?on=${encodeURIComponent(on)}`));
    } catch (caught) {
      setAnswer(null);
      setError(caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="in-force-on" onSubmit={check} aria-labelledby="check-heading">
      <h3 id="check-heading">{t("check.title")}</h3>
      <label htmlFor="check-date">{t("check.date")}</label>
      <div className="row">
        <DateInput id="check-date" value={on} required onChange={setOn} />
        <button type="submit" disabled={busy}>
          {t("check.submit")}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {answer && (
        <div aria-live="polite" data-testid="check-answer">
          <p className="answer">{t("check.answer", { date: date(answer.on), status: t(statusKey(answer.status)) })}</p>
          <ValidityAnswer answer={answer} />
        </div>
      )}
    </form>
  );
}

function RelationList({
  documentId,
  relations,
  editable,
  onChanged,
}: {
  documentId: number;
  relations: Relation[];
  editable: boolean;
  onChanged: () => void;
}) {
  const { t, date } = useI18n();
  const { bases, actedOnBy, actsOn } = splitRelations(documentId, relations);
  return (
    <details className="relation-list" open={editable}>
      <summary>{t("relations.list")}</summary>
      <ul>
        {[...bases, ...actedOnBy, ...actsOn].map((edge) => (
          <li key={edge.relation.id}>
            {t(edge.label)}: <Link to={`/van-ban/${edge.other.id}`}>{edge.other.number}</Link> — {edge.other.title} (
            {date(edge.other.issued_on)})
            {edge.relation.provisions.length > 0 && ` · ${edge.relation.provisions.join(", ")}`}
            {editable && (
              <RelationEdit relation={edge.relation} label={t(edge.label)} number={edge.other.number} onChanged={onChanged} />
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function FullText({ tree }: { tree: StructureNode[] }) {
  const { t } = useI18n();
  const outline = tree.flatMap(function walk(node): StructureNode[] {
    const here = ["part", "chapter", "section", "article"].includes(node.kind) ? [node] : [];
    return [...here, ...node.children.flatMap(walk)];
  });
  return (
    <div className="full-text">
      {outline.length > 0 && (
        <nav aria-label={t("doc.outline")} className="outline">
          <h3>{t("doc.outline")}</h3>
          <ol>
            {outline.map((node) => (
              <li key={node.anchor} className={`outline-${node.kind}`}>
                <a href={`#${node.anchor}`}>
                  {node.label}
                  {node.title ? `. ${node.title}` : ""}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="text">
        {tree.map((node) => (
          <TextNode key={node.anchor} node={node} />
        ))}
      </div>
    </div>
  );
}

// How the text itself numbers clauses ("1.") and points ("a)"): the number opens the first line of its text.
const MARKERS: Record<string, (number: string) => string> = { clause: (n) => `${n}.`, point: (n) => `${n})` };

function TextNode({ node }: { node: StructureNode }) {
  const heading = node.kind === "preamble" ? null : `${node.label}${node.title ? `. ${node.title}` : ""}`;
  const marker = MARKERS[node.kind]?.(node.number);
  const lines = node.text ? node.text.split("\n") : [];
  if (marker && lines.length === 0) lines.push("");
  return (
    <section id={node.anchor} className={`node node-${node.kind}`}>
      {heading && ["part", "chapter", "section", "article"].includes(node.kind) && <h4>{heading}</h4>}
      {lines.map((line, index) => (
        <p key={index}>
          {marker && index === 0 && <strong className="marker">{marker} </strong>}
          {line}
        </p>
      ))}
      {node.children.map((child) => (
        <TextNode key={child.anchor} node={child} />
      ))}
    </section>
  );
}
