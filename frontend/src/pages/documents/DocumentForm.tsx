import { useI18n } from "../../i18n";
import { DateInput } from "../../components/DateInput";
import { FieldErrors } from "../../components/FieldErrors";
import { useNames } from "../../names";

export interface DocumentInput {
  number: string;
  type: string;
  issuer: string;
  title: string;
  signer: string;
  issued_on: string;
  effective_from: string;
  effective_until: string;
  fields: string[];
  text: string;
  normative: boolean;
  published: boolean;
}

export const EMPTY_DOCUMENT: DocumentInput = {
  number: "",
  type: "",
  issuer: "",
  title: "",
  signer: "",
  issued_on: "",
  effective_from: "",
  effective_until: "",
  fields: [],
  text: "",
  normative: true,
  published: true,
};

/** The API's shape: empty dates are null. */
export function toPayload(input: DocumentInput): Record<string, unknown> {
  return {
    ...input,
    effective_from: input.effective_from || null,
    effective_until: input.effective_until || null,
  };
}

interface Props {
  value: DocumentInput;
  onChange: (value: DocumentInput) => void;
  errors: Record<string, string[]>;
  /** The text comes from an uploaded file and is not edited here. */
  withText?: boolean;
}

export function DocumentForm({ value, onChange, errors, withText = true }: Props) {
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
        {Object.entries(names?.[key] ?? {}).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
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
      {input("signer", t("form.signer"))}
      {input("issued_on", t("form.issuedOn"), { type: "date", required: true })}
      {input("effective_from", t("form.effectiveFrom"), { type: "date" })}
      {input("effective_until", t("form.effectiveUntil"), { type: "date" })}
      <fieldset className="form-field wide">
        <legend>{t("form.fields")}</legend>
        <div className="checkbox-grid">
          {Object.entries(names?.field ?? {}).map(([code, name]) => (
            <label key={code} className="inline">
              <input
                type="checkbox"
                checked={value.fields.includes(code)}
                onChange={(event) =>
                  set("fields", event.target.checked ? [...value.fields, code] : value.fields.filter((item) => item !== code))
                }
              />
              {name}
            </label>
          ))}
        </div>
        <FieldErrors messages={errors.fields} />
      </fieldset>
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
