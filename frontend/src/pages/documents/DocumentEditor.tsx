import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api, asApiError, ifMatch, type DocumentDetail } from "../../api";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import { useNames } from "../../names";
import { useWrite } from "../../useWrite";
import { DocumentForm } from "./DocumentForm";
import { EMPTY_DOCUMENT, toPayload, type DocumentInput } from "./documentInput";
import { refuseWrongDates } from "../../components/DateInput";

/** Create a document (/can-bo/van-ban/moi) or edit one (/can-bo/van-ban/:id/sua). */
export function DocumentEditor() {
  const { id } = useParams();
  const { t } = useI18n();
  const names = useNames();
  const navigate = useNavigate();
  const [value, setValue] = useState<DocumentInput>(EMPTY_DOCUMENT);
  const { error, setError, busy, run } = useWrite();
  const [loaded, setLoaded] = useState(!id);
  // The version the form was loaded from: sent as If-Match, so someone else's edit in between is never overwritten.
  const [version, setVersion] = useState<number | null>(null);
  const [stale, setStale] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!id || !names) return;
    const byName = Object.fromEntries(Object.entries(names.field).map(([code, name]) => [name, code]));
    api<DocumentDetail>(`/documents/${id}/`).then(
      (doc) => {
        setVersion(doc.version);
        setStale(false);
        setError(null);
        setValue({
          number: doc.number,
          type: doc.type.code,
          issuer: doc.issuer.code,
          title: doc.title,
          signer: doc.signer,
          issued_on: doc.issued_on,
          effective_from: doc.effective_from ?? "",
          effective_until: doc.effective_until ?? "",
          fields: doc.fields.map((name) => byName[name] ?? name),
          text: doc.text,
          normative: doc.normative,
          published: doc.published,
          responsible: doc.responsible?.code ?? "",
        });
        setLoaded(true);
      },
      (caught: unknown) => setError(asApiError(caught)),
    );
  }, [id, names, reload, setError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    void run(
      async () => {
        const saved = await api<DocumentDetail>(id ? `/documents/${id}/` : "/documents/", {
          method: id ? "PUT" : "POST",
          headers: id ? ifMatch(version) : {},
          body: JSON.stringify(toPayload(value)),
        });
        navigate(`/van-ban/${saved.id}`);
      },
      () => setStale(true),
    );
  };

  if (!loaded) return error ? <ErrorMessage error={error} /> : <p aria-busy="true">{t("common.loading")}</p>;
  return (
    <form onSubmit={submit} noValidate>
      <h1>{id ? t("docs.edit") : t("docs.new")}</h1>
      {error && <ErrorMessage error={error} />}
      {stale && (
        <div role="alert" className="error">
          <p>{t("docs.stale")}</p>
          <button type="button" onClick={() => setReload((n) => n + 1)}>
            {t("docs.reload")}
          </button>
        </div>
      )}
      <DocumentForm value={value} onChange={setValue} errors={error?.fields ?? {}} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : t("docs.save")}
        </button>
      </div>
    </form>
  );
}
