import { useRef, useState, type FormEvent } from "react";
import { api, type Schema } from "../../../api";
import { CodeCheckboxes } from "../../../components/CodeChoices";
import { DateInput, refuseWrongDates } from "../../../components/DateInput";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import { useWrite } from "../../../useWrite";
import { OrganisationSelect } from "../OrganisationSelect";
import type { Organisation } from "../organisations";

type Kind = Schema<"OrganisationKindEnum">;
export const KINDS: Kind[] = ["province", "justice", "department", "commune"];

interface Draft {
  code: string;
  name: string;
  kind: Kind;
  parent: string;
  valid_from: string;
  valid_until: string;
  succeeded_by: string;
  fields: string[];
}

function draftOf(org: Organisation | undefined): Draft {
  return {
    code: org?.code ?? "",
    name: org?.name ?? "",
    kind: org?.kind ?? "commune",
    parent: org?.parent ?? "",
    valid_from: org?.valid_from ?? "",
    valid_until: org?.valid_until ?? "",
    succeeded_by: org?.succeeded_by ?? "",
    fields: org?.fields ?? [],
  };
}

/** What the API takes: "" (none chosen) is null, so clearing a parent, a date or a successor clears it. */
export function bodyOf(draft: Draft): Record<string, unknown> {
  const orNull = (value: string) => value || null;
  return {
    code: draft.code.trim(),
    name: draft.name.trim(),
    kind: draft.kind,
    parent: orNull(draft.parent),
    valid_from: orNull(draft.valid_from),
    valid_until: orNull(draft.valid_until),
    succeeded_by: orNull(draft.succeeded_by),
    fields: draft.fields,
  };
}

/**
 * Add an organisation (no `organisation`) or edit one, and delete it from here. The API decides what is valid (a
 * cycle, an end before the start, a taken code: its message under the field) and refuses deleting one that is
 * still in use (409: what still holds it, shown next to the delete button).
 */
export function OrganisationForm(props: {
  organisation?: Organisation;
  organisations: Organisation[];
  fieldNames: Record<string, string> | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { organisation, organisations, fieldNames, onSaved, onCancel } = props;
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(organisation));
  const save = useWrite();
  const removal = useWrite();
  const form = useRef<HTMLFormElement>(null);
  const prefix = organisation ? `org-${organisation.code}-edit` : "org-new";
  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => setDraft((current) => ({ ...current, [name]: value }));
  const errors = save.error?.fields ?? {};
  const others = organisations.filter((org) => org.code !== organisation?.code);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(form.current)) return;
    void save.run(async () => {
      const path = organisation ? `/organisations/${encodeURIComponent(organisation.code)}/` : "/organisations/";
      await api<Organisation>(path, { method: organisation ? "PATCH" : "POST", body: JSON.stringify(bodyOf(draft)) });
      onSaved();
    });
  };
  const remove = () => {
    if (!organisation || !window.confirm(t("orgs.confirmDelete", { name: organisation.name }))) return;
    void removal.run(async () => {
      await api<void>(`/organisations/${encodeURIComponent(organisation.code)}/`, { method: "DELETE" });
      onSaved();
    });
  };

  return (
    <form ref={form} className="card org-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`} className="org-form-title">
        {organisation ? t("orgs.editTitle", { name: organisation.name }) : t("orgs.add")}
      </h2>
      {save.error && <ErrorMessage error={save.error} />}
      <div className="document-form">
        <div className="form-field">
          <label htmlFor={`${prefix}-name`}>{t("orgs.name")}</label>
          <input id={`${prefix}-name`} value={draft.name} onChange={(e) => set("name", e.target.value)} aria-invalid={Boolean(errors.name)} />
          <FieldErrors messages={errors.name} />
        </div>
        <div className="form-field">
          <label htmlFor={`${prefix}-code`}>{t("orgs.code")}</label>
          <input
            id={`${prefix}-code`}
            value={draft.code}
            autoComplete="off"
            onChange={(e) => set("code", e.target.value)}
            aria-describedby={`${prefix}-code-hint`}
            aria-invalid={Boolean(errors.code)}
          />
          <span id={`${prefix}-code-hint`} className="muted">
            {t("orgs.codeHint")}
          </span>
          <FieldErrors messages={errors.code} />
        </div>
        <div className="form-field">
          <label htmlFor={`${prefix}-kind`}>{t("orgs.kind")}</label>
          <select id={`${prefix}-kind`} value={draft.kind} onChange={(e) => set("kind", e.target.value as Kind)}>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`orgs.kind.${kind}`)}
              </option>
            ))}
          </select>
          <FieldErrors messages={errors.kind} />
        </div>
        <div className="form-field">
          <OrganisationSelect
            id={`${prefix}-parent`}
            label={t("orgs.parent")}
            value={draft.parent}
            onChange={(code) => set("parent", code)}
            organisations={others}
            emptyLabel={t("orgs.noParent")}
            errors={errors.parent}
          />
        </div>
        <div className="form-field">
          <label htmlFor={`${prefix}-from`}>{t("orgs.validFrom")}</label>
          <DateInput id={`${prefix}-from`} value={draft.valid_from} onChange={(iso) => set("valid_from", iso)} aria-invalid={Boolean(errors.valid_from)} />
          <FieldErrors messages={errors.valid_from} />
        </div>
        <div className="form-field">
          <label htmlFor={`${prefix}-until`}>{t("orgs.validUntil")}</label>
          <DateInput id={`${prefix}-until`} value={draft.valid_until} onChange={(iso) => set("valid_until", iso)} aria-invalid={Boolean(errors.valid_until)} />
          <FieldErrors messages={errors.valid_until} />
        </div>
        <div className="form-field">
          <OrganisationSelect
            id={`${prefix}-successor`}
            label={t("orgs.successor")}
            value={draft.succeeded_by}
            onChange={(code) => set("succeeded_by", code)}
            organisations={others}
            emptyLabel={t("orgs.noSuccessor")}
            errors={errors.succeeded_by}
          />
        </div>
        <CodeCheckboxes
          className="form-field wide"
          legend={t("orgs.fields")}
          names={fieldNames}
          value={draft.fields}
          onChange={(codes) => set("fields", codes)}
          errors={errors.fields}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {organisation ? t("orgs.save") : t("orgs.create")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("orgs.cancel")}
        </button>
        {organisation && (
          <button type="button" className="secondary danger" onClick={remove} disabled={removal.busy}>
            {t("orgs.delete")}
          </button>
        )}
      </div>
      {removal.error && (
        <div className="org-delete-refused" data-testid="org-delete-error">
          <ErrorMessage error={removal.error} />
        </div>
      )}
    </form>
  );
}
