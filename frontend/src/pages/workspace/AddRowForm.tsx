import { useState, type FormEvent } from "react";
import { api, query, type ApiError, type Page, type Schema } from "../../api";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";

type Choice = Pick<Schema<"DocumentList">, "id" | "number" | "issuer">;

interface Props {
  busy: boolean;
  /** The last answer's error: its field messages (document, note) go under the fields. */
  error: ApiError | null;
  /** Adds the row (POST add-row); true when it was added. */
  onAdd: (body: { document: number; scope: string; note: string }) => Promise<boolean>;
}

/** Add a document to a draft list by its number (asking which one when the number is shared), with a reason. */
export function AddRowForm({ busy, error, onAdd }: Props) {
  const { t } = useI18n();
  const [adding, setAdding] = useState({ number: "", scope: "whole", note: "" });
  const [choices, setChoices] = useState<Choice[]>([]);
  const [addError, setAddError] = useState<Record<string, string[]>>({});

  const add = async (event: FormEvent, documentId?: number) => {
    event.preventDefault();
    setAddError({});
    let target: number;
    if (documentId !== undefined) target = documentId;
    else {
      const found = await api<Page<Choice>>(`/documents/${query({ number: adding.number.trim() })}`).catch(() => null);
      if (!found || found.results.length === 0) {
        setAddError({ document: [t("ann.unknownDocument")] });
        return;
      }
      if (found.results.length > 1) {
        setChoices(found.results);
        return;
      }
      target = found.results[0].id;
    }
    setChoices([]);
    if (await onAdd({ document: target, scope: adding.scope, note: adding.note })) {
      setAdding({ number: "", scope: "whole", note: "" });
    }
  };

  return (
    <form className="card" onSubmit={(event) => add(event)} noValidate>
      <h2>{t("ann.addRow")}</h2>
      <div className="document-form">
        <div className="form-field">
          <label htmlFor="add-number">{t("ann.document")}</label>
          <input id="add-number" value={adding.number} onChange={(e) => setAdding({ ...adding, number: e.target.value })} />
          <FieldErrors messages={addError.document ?? error?.fields.document} />
        </div>
        <div className="form-field">
          <label htmlFor="add-scope">{t("ann.scope")}</label>
          <select id="add-scope" value={adding.scope} onChange={(e) => setAdding({ ...adding, scope: e.target.value })}>
            <option value="whole">{t("ann.scope.whole")}</option>
            <option value="partial">{t("ann.scope.partial")}</option>
          </select>
        </div>
        <div className="form-field wide">
          <label htmlFor="add-note">{t("ann.note")}</label>
          <input id="add-note" value={adding.note} onChange={(e) => setAdding({ ...adding, note: e.target.value })} />
          <FieldErrors messages={error?.fields.note} />
        </div>
      </div>
      {choices.length > 0 && (
        <div role="group" aria-label={t("ann.ambiguous")}>
          <p>{t("ann.ambiguous")}</p>
          {choices.map((choice) => (
            <button key={choice.id} type="button" className="secondary" onClick={(event) => add(event, choice.id)}>
              {choice.number} — {choice.issuer.name}
            </button>
          ))}
        </div>
      )}
      <button type="submit" disabled={busy}>
        {t("ann.addRow")}
      </button>
    </form>
  );
}
