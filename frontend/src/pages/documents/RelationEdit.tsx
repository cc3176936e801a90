import { useState, type FormEvent } from "react";
import { api, asApiError, type ApiError, type Relation, ifMatch } from "../../api";
import { DateInput, refuseWrongDates } from "../../components/DateInput";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { RELATION_KINDS } from "../../status";

/** Officers correct or delete a recorded relation; the API recomputes validity and audits the change. */
export function RelationEdit({ relation, label, number, onChanged }: {
  relation: Relation;
  label: string;
  number: string;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState({
    kind: relation.kind,
    effective_on: relation.effective_on,
    provisions: relation.provisions.join(", "),
    note: relation.note ?? "",
  });
  const [error, setError] = useState<ApiError | null>(null);
  const fail = (caught: unknown) => {
    const apiError = asApiError(caught);
    // Someone else changed (or removed) it since this page was loaded: say so in our words and show the latest.
    if (apiError.status === 412) {
      window.alert(t("rel.stale"));
      setOpen(false);
      onChanged();
    } else setError(apiError);
  };
  const headers = ifMatch(relation.version ?? null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    setError(null);
    try {
      await api(`/relations/${relation.id}/`, { method: "PATCH", headers, body: JSON.stringify(value) });
      setOpen(false);
      onChanged();
    } catch (caught) {
      fail(caught);
    }
  };
  const remove = async () => {
    if (!window.confirm(t("rel.confirmDelete", { label, number }))) return;
    try {
      await api(`/relations/${relation.id}/`, { method: "DELETE", headers });
      onChanged();
    } catch (caught) {
      fail(caught);
    }
  };
  const id = `rel-${relation.id}`;
  return (
    <span className="relation-tools">
      <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t("rel.edit", { number })}
      </button>
      <button type="button" className="link" onClick={remove}>
        {t("rel.delete", { number })}
      </button>
      {error && !open && <ErrorMessage error={error} />}
      {open && (
        <form className="document-form card" onSubmit={save} noValidate>
          {error && <ErrorMessage error={error} />}
          <div className="form-field">
            <label htmlFor={`${id}-kind`}>{t("rel.kind")}</label>
            <select id={`${id}-kind`} value={value.kind} onChange={(e) => setValue({ ...value, kind: e.target.value as Relation["kind"] })}>
              {RELATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-on`}>{t("rel.effectiveOn")}</label>
            <DateInput
              id={`${id}-on`}
              value={value.effective_on}
              onChange={(effective_on) => setValue({ ...value, effective_on })}
            />
            <FieldErrors messages={error?.fields.effective_on} />
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-provisions`}>{t("rel.provisions")}</label>
            <input
              id={`${id}-provisions`}
              aria-describedby={`${id}-provisions-hint`}
              value={value.provisions}
              onChange={(e) => setValue({ ...value, provisions: e.target.value })}
            />
            <small id={`${id}-provisions-hint`} className="muted">
              {t("rel.provisionsExample")}
            </small>
            <FieldErrors messages={error?.fields.provisions} />
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-note`}>{t("rel.note")}</label>
            <input id={`${id}-note`} value={value.note} onChange={(e) => setValue({ ...value, note: e.target.value })} />
          </div>
          <div className="actions">
            <button type="submit">{t("rel.save")}</button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t("rel.cancel")}
            </button>
          </div>
        </form>
      )}
    </span>
  );
}
