import { useState, type FormEvent } from "react";
import { api } from "../../api";
import { DateInput, refuseWrongDates } from "../../components/DateInput";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { RELATION_KINDS } from "../../status";
import { useWrite } from "../../useWrite";

/** Officers record how this document acts on another (or rests on it). */
export function RelationForm({ sourceId, onSaved }: { sourceId: number; onSaved: () => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState({ kind: "basis", target: "", effective_on: "", provisions: "", note: "" });
  const { error, busy, run } = useWrite();
  const [notice, setNotice] = useState(false);
  const fields = error?.fields ?? {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    setNotice(false);
    void run(async () => {
      await api("/relations/", {
        method: "POST",
        body: JSON.stringify({
          source: sourceId,
          target: value.target.trim(),
          kind: value.kind,
          effective_on: value.effective_on || null,
          provisions: value.provisions,
          note: value.note,
        }),
      });
      setValue({ ...value, target: "", provisions: "", note: "" });
      setNotice(true);
      onSaved();
    });
  };

  return (
    <form className="relation-form" onSubmit={submit} noValidate aria-labelledby="rel-heading">
      <h3 id="rel-heading">{t("rel.add")}</h3>
      {error && <ErrorMessage error={error} />}
      {notice && (
        <p role="status" className="notice">
          {t("rel.saved")}
        </p>
      )}
      <div className="document-form">
        <div className="form-field">
          <label htmlFor="rel-kind">{t("rel.kind")}</label>
          <select id="rel-kind" value={value.kind} onChange={(e) => setValue({ ...value, kind: e.target.value })}>
            {RELATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}` as MessageKey)}
              </option>
            ))}
          </select>
          <FieldErrors messages={fields.kind} />
        </div>
        <div className="form-field">
          <label htmlFor="rel-target">{t("rel.target")}</label>
          <input id="rel-target" value={value.target} onChange={(e) => setValue({ ...value, target: e.target.value })} />
          <FieldErrors messages={fields.target} />
        </div>
        <div className="form-field">
          <label htmlFor="rel-effective">{t("rel.effectiveOn")}</label>
          <DateInput
            id="rel-effective"
            value={value.effective_on}
            onChange={(effective_on) => setValue({ ...value, effective_on })}
          />
          <FieldErrors messages={fields.effective_on} />
        </div>
        <div className="form-field">
          <label htmlFor="rel-provisions">{t("rel.provisions")}</label>
          <input
            id="rel-provisions"
            aria-describedby="rel-provisions-hint"
            value={value.provisions}
            onChange={(e) => setValue({ ...value, provisions: e.target.value })}
          />
          <small id="rel-provisions-hint" className="muted">
            {t("rel.provisionsExample")}
          </small>
          <FieldErrors messages={fields.provisions} />
        </div>
        <div className="form-field wide">
          <label htmlFor="rel-note">{t("rel.note")}</label>
          <input id="rel-note" value={value.note} onChange={(e) => setValue({ ...value, note: e.target.value })} />
        </div>
      </div>
      <button type="submit" disabled={busy}>
        {t("rel.save")}
      </button>
    </form>
  );
}
