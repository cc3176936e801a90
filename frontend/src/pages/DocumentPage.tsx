import { useEffect, useState } from "react";
import { can, useAuth } from "../auth";
import { RelationForm } from "./documents/RelationForm";
import { Link, useLocation, useParams } from "react-router-dom";
import type { DocumentDetail, Relation, Timeline, Validity } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { RelationsGraph } from "../components/RelationsGraph";
import { StatusBadge } from "../components/StatusBadge";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/vi";
import { reasonKey } from "../status";
import { usePageTitle } from "../pageTitle";
import { useApi } from "../useApi";
import { useAlternateLink } from "../headLinks";
import { useNames } from "../names";
import { feedPath } from "../watching";
import { NotFound } from "./NotFound";
import { DocumentMeta } from "./documents/DocumentMeta";
import { FullText } from "./documents/FullText";
import { InForceOn } from "./documents/InForceOn";
import { OperationsCard } from "./documents/operations/OperationsCard";
import { RelationList } from "./documents/RelationList";
import { TextOnDate } from "./documents/TextOnDate";
import { CausedBy, ValidityAnswer } from "./documents/ValidityAnswer";
import { FollowPanel, type FollowChoice } from "./watching/FollowPanel";

// Re-exported: the unit tests (and older imports) take the text view from here.
export { FullText };

/** What a reader may follow from a document's page: the document, its issuer's and its fields' new documents. */
function followChoices(
  doc: DocumentDetail,
  fieldNames: Record<string, string> | null,
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
): FollowChoice[] {
  const choices: FollowChoice[] = [
    { kind: "document", target: String(doc.id), label: t("watch.thisDocument", { number: doc.number }) },
    { kind: "issuer", target: doc.issuer.code, label: t("watch.issuer", { name: doc.issuer.name }) },
  ];
  const codeOf = Object.fromEntries(Object.entries(fieldNames ?? {}).map(([code, name]) => [name, code]));
  for (const name of doc.fields) {
    if (codeOf[name]) choices.push({ kind: "field", target: codeOf[name], label: t("watch.field", { name }) });
  }
  return choices;
}

export function DocumentPage() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const valid = id !== undefined && /^\d+$/.test(id);
  const detail = useApi<DocumentDetail>(valid ? `/documents/${id}/` : null);
  // `version` moves when an officer changes a relation or decides an operation here: the status, timeline,
  // relations and operations are asked again.
  const [version, setVersion] = useState(0);
  const now = useApi<Validity>(valid ? `/documents/${id}/status/?v=${version}` : null);
  const timeline = useApi<Timeline>(valid ? `/documents/${id}/timeline/?v=${version}` : null);
  const relations = useApi<Relation[]>(valid ? `/documents/${id}/relations/?v=${version}` : null);
  const { me } = useAuth();
  const location = useLocation();
  // What the upload said on saving this document (its operations confirmed and waiting), once.
  const savedNotice = (location.state as { savedNotice?: string } | null)?.savedNotice;

  useEffect(() => {
    // Article anchors can be linked (/van-ban/12#dieu-5): scroll once the text is on the page.
    if (detail.data && location.hash) {
      document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    }
  }, [detail.data, location.hash]);

  usePageTitle(detail.data ? `${detail.data.type.name} ${detail.data.number}` : null);
  useAlternateLink(
    valid && detail.data?.published ? feedPath("document", id) : null,
    "application/atom+xml",
    detail.data ? t("watch.feedTitle", { name: `${detail.data.type.name} ${detail.data.number}` }) : "",
  );
  // The fields' codes (the answer names them): asked once the document is here, as the search page does.
  const names = useNames(Boolean(detail.data));
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
        {/* Only a public document can be followed, and has a feed (staff also see drafts here). */}
        {doc.published && (
          <FollowPanel
            choices={followChoices(doc, names?.field ?? null, t)}
            toggleLabel={t("watch.follow")}
            feedHint={t("watch.feedHint")}
          />
        )}
        {savedNotice && (
          <p role="status" className="notice">
            {savedNotice}
          </p>
        )}
        {can(me, "documents.write") && (
          <p>
            <Link to={`/can-bo/van-ban/${doc.id}/sua`}>{t("docs.edit")}</Link>
          </p>
        )}
      </header>
      <div className="document-grid">
        <DocumentMeta doc={doc} />
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
      <OperationsCard
        documentId={doc.id}
        relations={relations.data}
        version={version}
        onChanged={() => setVersion((n) => n + 1)}
      />
      <section aria-labelledby="text-heading" className="card">
        <h2 id="text-heading">{t("doc.text")}</h2>
        {doc.structure.length === 0 && !doc.text && <p>{t("doc.noText")}</p>}
        {doc.structure.length > 0 ? <TextOnDate doc={doc} /> : doc.text && <pre className="plain">{doc.text}</pre>}
      </section>
    </article>
  );
}
