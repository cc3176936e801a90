import { useI18n } from "../../i18n";
import { CodeCheckboxes, CodeOptions } from "../../components/CodeChoices";
import { DateInput } from "../../components/DateInput";
import { FieldErrors } from "../../components/FieldErrors";
import { useNames } from "../../names";
import type { DocumentInput } from "./documentInput";
import { ResponsibleSelect } from "./ResponsibleSelect";

interface Props {
  value: DocumentInput;
  onChange: (value: DocumentInput) => void;
  errors: Record<string, string[]>;
  /** The text comes from an uploaded file and is not edited here. */
  withText?: boolean;
  /** The body an uploaded file's "Theo đề nghị của …" names, and whether it matched an organisation. */
  proposedBy?: string;
  proposedKnown?: boolean;
}

/** A document's fields, each with the API's messages under it: the editor's form and the uploaded file's proposal. */
export function DocumentForm({ value, onChange, errors, withText = true, proposedBy, proposedKnown }: Props) {
  const { t } = useI18n();
  const names = useNames();
  const set = <K extends keyof DocumentInput>(key: K, next: DocumentInput[K]) => onChange({ ...value, [key]: next });
  const input = (
    key: "number" | "signer" | "issued_on" | "effective_from" | "effective_until",
    label: string,
    { type = "text", required = false } = {},
  ) => (
    <div className="form-field">
      <label htmlFor={`doc-${key}`}>{label}</label>
      {type === "date" ? (
        <DateInput
          id={`doc-${key}`}
          value={value[key]}
          required={required}
          aria-invalid={Boolean(errors[key])}
          onChange={(iso) => set(key, iso)}
        />
      ) : (
        <input
          id={`doc-${key}`}
          type={type}
          value={value[key]}
          required={required}
          aria-invalid={Boolean(errors[key])}
          onChange={(event) => set(key, event.target.value)}
        />
      )}
      <FieldErrors messages={errors[key]} />
    </div>
  );
  const select = (key: "type" | "issuer", label: string) => (
    <div className="form-field">
      <label htmlFor={`doc-${key}`}>{label}</label>
      <select
        id={`doc-${key}`}
        value={value[key]}
        required
        aria-invalid={Boolean(errors[key])}
        onChange={(event) => set(key, event.target.value)}
      >
        <option value="">{t("form.choose")}</option>
        <CodeOptions names={names?.[key]} />
      </select>
      <FieldErrors messages={errors[key]} />
    </div>
  );

  return (
    <div className="document-form">
      {input("number", t("form.number"), { required: true })}
      {select("type", t("form.type"))}
      {select("issuer", t("form.issuer"))}
      <div className="form-field wide">
        <label htmlFor="doc-title">{t("form.title")}</label>
        <textarea
          id="doc-title"
          rows={2}
          value={value.title}
          required
          aria-invalid={Boolean(errors.title)}
          onChange={(event) => set("title", event.target.value)}
        />
        <FieldErrors messages={errors.title} />
      </div>
      <ResponsibleSelect
        value={value.responsible}
        onChange={(code) => set("responsible", code)}
        errors={errors.responsible}
        proposedBy={proposedBy}
        proposedKnown={proposedKnown}
      />
      {input("signer", t("form.signer"))}
      {input("issued_on", t("form.issuedOn"), { type: "date", required: true })}
      {input("effective_from", t("form.effectiveFrom"), { type: "date" })}
      {input("effective_until", t("form.effectiveUntil"), { type: "date" })}
      <CodeCheckboxes
        className="form-field wide"
        legend={t("form.fields")}
        names={names?.field}
        value={value.fields}
        onChange={(codes) => set("fields", codes)}
        errors={errors.fields}
      />
      <label className="inline">
        <input type="checkbox" checked={value.normative} onChange={(event) => set("normative", event.target.checked)} />
        {t("form.normative")}
      </label>
      <label className="inline">
        <input type="checkbox" checked={value.published} onChange={(event) => set("published", event.target.checked)} />
        {t("form.published")}
      </label>
      {withText && (
        <div className="form-field wide">
          <label htmlFor="doc-text">{t("form.text")}</label>
          <textarea id="doc-text" rows={12} value={value.text} onChange={(event) => set("text", event.target.value)} />
          <FieldErrors messages={errors.text} />
        </div>
      )}
    </div>
  );
}
