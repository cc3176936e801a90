import { useState, type FormEvent } from "react";
import { api, type Schema } from "../../../api";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import { useApi } from "../../../useApi";
import { useWrite } from "../../../useWrite";

type SynonymList = Schema<"SynonymList">;
type Synonym = Schema<"Synonym">;

/** One form a line: forms may hold commas ("văn hóa, thể thao và du lịch"). */
export function formsOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Search synonyms (admins only): the list shipped with the service, read-only, and the admins' own groups, which
 * they add, turn off and on, and delete. Every search uses the active ones at once (no reindex).
 */
export function SynonymsPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const { data, error } = useApi<SynonymList>(`/search/synonyms/${version ? `?v=${version}` : ""}`, { keepPrevious: true });
  const reload = () => setVersion((n) => n + 1);
  return (
    <div className="synonyms-page">
      <h1>{t("syn.title")}</h1>
      <p>{t("syn.intro")}</p>
      {error && <ErrorMessage error={error} />}
      <AddSynonymForm onAdded={reload} />
      <section aria-labelledby="syn-custom">
        <h2 id="syn-custom">{t("syn.custom")}</h2>
        {data && data.custom.length === 0 && <p>{t("syn.noneCustom")}</p>}
        {data && data.custom.length > 0 && (
          <ul className="synonym-list">
            {data.custom.map((item) => (
              <CustomSynonym key={item.id} item={item} onChanged={reload} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="syn-shipped">
        <h2 id="syn-shipped">{t("syn.shipped", { count: data?.shipped.length ?? 0 })}</h2>
        <p className="muted">{t("syn.shippedHint")}</p>
        {data && (
          <ul className="synonym-list shipped">
            {data.shipped.map((group) => (
              <li key={group.forms.join("|")}>
                <Forms forms={group.forms} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Forms({ forms }: { forms: string[] }) {
  const { t } = useI18n();
  return (
    <span className="synonym-forms" aria-label={t("syn.formsLabel", { forms: forms.join(", ") })}>
      {forms.map((form, index) => (
        <span key={form}>
          {index > 0 && <span aria-hidden="true"> = </span>}
          <strong>{form}</strong>
        </span>
      ))}
    </span>
  );
}

function AddSynonymForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useI18n();
  const [forms, setForms] = useState("");
  const [note, setNote] = useState("");
  const { error, busy, run } = useWrite();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api<Synonym>("/search/synonyms/", { method: "POST", body: JSON.stringify({ forms: formsOf(forms), note }) });
      setForms("");
      setNote("");
      onAdded();
    });
  };
  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>{t("syn.add")}</h2>
      {error && <ErrorMessage error={error} />}
      <div className="form-field">
        <label htmlFor="syn-forms">{t("syn.forms")}</label>
        <textarea
          id="syn-forms"
          rows={3}
          value={forms}
          onChange={(e) => setForms(e.target.value)}
          aria-describedby="syn-forms-hint"
          placeholder={"CSGT\ncảnh sát giao thông"}
        />
        <p id="syn-forms-hint" className="muted">
          {t("syn.formsHint")}
        </p>
        <FieldErrors messages={error?.fields.forms} />
      </div>
      <div className="form-field">
        <label htmlFor="syn-note">{t("syn.note")}</label>
        <input id="syn-note" value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        <FieldErrors messages={error?.fields.note} />
      </div>
      <button type="submit" disabled={busy}>
        {t("syn.add")}
      </button>
    </form>
  );
}

function CustomSynonym({ item, onChanged }: { item: Synonym; onChanged: () => void }) {
  const { t, date } = useI18n();
  const { error, busy, run } = useWrite();
  const path = `/search/synonyms/${item.id}/`;
  const toggle = () =>
    void run(async () => {
      await api<Synonym>(path, { method: "PATCH", body: JSON.stringify({ active: !item.active }) });
      onChanged();
    });
  const remove = () => {
    if (!window.confirm(t("syn.confirmDelete", { forms: item.forms.join(" = ") }))) return;
    void run(async () => {
      await api<void>(path, { method: "DELETE" });
      onChanged();
    });
  };
  return (
    <li className={item.active ? "synonym" : "synonym inactive"}>
      <Forms forms={item.forms} />
      <span className="synonym-state">{item.active ? t("syn.active") : t("syn.inactive")}</span>
      {item.note && <span className="synonym-note">{item.note}</span>}
      <span className="muted">{t("syn.addedBy", { name: item.created_by ?? "—", date: date(item.created_at.slice(0, 10)) })}</span>
      <span className="synonym-actions">
        <button type="button" className="secondary" onClick={toggle} disabled={busy}>
          {item.active ? t("syn.deactivate") : t("syn.activate")}
        </button>
        <button type="button" className="secondary" onClick={remove} disabled={busy}>
          {t("syn.delete")}
        </button>
      </span>
      {error && <ErrorMessage error={error} />}
    </li>
  );
}
