import type { DocumentDetail } from "../../api";
import { useI18n } from "../../i18n";

// The document's particulars: number, type, issuer, signer, dates, fields and the source file.
export function DocumentMeta({ doc }: { doc: DocumentDetail }) {
  const { t, date } = useI18n();
  return (
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
        {doc.responsible && (
          <>
            <dt>{t("doc.responsible")}</dt>
            <dd>{doc.responsible.name}</dd>
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
  );
}
