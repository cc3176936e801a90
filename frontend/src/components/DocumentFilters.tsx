import { useI18n } from "../i18n";
import { useNames } from "../names";
import { STATUSES, statusKey } from "../status";
import { CodeOptions } from "./CodeChoices";
import { FieldErrors } from "./FieldErrors";

/** The filters of the documents API (backend/catalogue/filters.py DocumentFilter) that officers choose from:
 * the document list puts them in its address, a review plan keeps them as its scope (the same FilterSet counts
 * both, backend/reviews/selectors.documents_in_scope), so both pages offer them from this one component. */
export const DOCUMENT_FILTERS = ["q", "published", "status", "type", "issuer", "with_predecessors", "field", "year"] as const;
export type DocumentFilterName = (typeof DOCUMENT_FILTERS)[number];
/** A filter's value as typed or chosen ("" = not filtered; the flags are "true" or ""). */
export type DocumentFilterValues = Record<DocumentFilterName, string>;

export const NO_FILTERS: DocumentFilterValues = Object.fromEntries(DOCUMENT_FILTERS.map((name) => [name, ""])) as DocumentFilterValues;

/** The values as the API's query parameters: only what was chosen, trimmed; "with predecessors" only with an
 * issuer (alone it means nothing). */
export function filterParams(values: DocumentFilterValues): Partial<DocumentFilterValues> {
  const out: Partial<DocumentFilterValues> = {};
  for (const name of DOCUMENT_FILTERS) {
    const value = values[name].trim();
    if (value) out[name] = value;
  }
  if (!out.issuer) delete out.with_predecessors;
  return out;
}

/** The values an address carries (a reload, a shared link). */
export function readFilters(params: URLSearchParams): DocumentFilterValues {
  return Object.fromEntries(DOCUMENT_FILTERS.map((name) => [name, params.get(name) ?? ""])) as DocumentFilterValues;
}

interface Props {
  value: DocumentFilterValues;
  onChange: (next: DocumentFilterValues) => void;
  /** The API's messages by filter name (a bad filter value is a 400 with errors.year, errors.status, …). */
  errors?: Record<string, string[]>;
  /** Prefix of the controls' ids (unique on the page). */
  idPrefix?: string;
}

/** The document filters: labelled controls in a grid, each with the API's message under it. The page supplies
 * the form around them (apply button, clear link, or a counted preview). */
export function DocumentFilters({ value, onChange, errors = {}, idPrefix = "docs-filter" }: Props) {
  const { t } = useI18n();
  const names = useNames();
  const id = (name: DocumentFilterName) => `${idPrefix}-${name}`;
  const set = (name: DocumentFilterName) => (event: { target: { value: string } }) => onChange({ ...value, [name]: event.target.value });
  const invalid = (name: DocumentFilterName) => (errors[name]?.length ? { "aria-invalid": true, "aria-describedby": `${id(name)}-errors` } : {});
  const messages = (name: DocumentFilterName) =>
    errors[name]?.length ? (
      <div id={`${id(name)}-errors`}>
        <FieldErrors messages={errors[name]} />
      </div>
    ) : null;

  return (
    <div className="filter-grid">
      <div className="filter-field">
        <label htmlFor={id("q")}>{t("docs.q")}</label>
        <input id={id("q")} type="search" value={value.q} onChange={set("q")} maxLength={300} {...invalid("q")} />
        {messages("q")}
      </div>
      <div className="filter-field">
        <label htmlFor={id("published")}>{t("docs.published")}</label>
        <select id={id("published")} value={value.published} onChange={set("published")} {...invalid("published")}>
          <option value="">{t("docs.published.all")}</option>
          <option value="false">{t("docs.published.false")}</option>
          <option value="true">{t("docs.published.true")}</option>
        </select>
        {messages("published")}
      </div>
      <div className="filter-field">
        <label htmlFor={id("status")}>{t("docs.status")}</label>
        <select id={id("status")} value={value.status} onChange={set("status")} {...invalid("status")}>
          <option value="">{t("docs.any")}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(statusKey(status))}
            </option>
          ))}
        </select>
        {messages("status")}
      </div>
      <div className="filter-field">
        <label htmlFor={id("type")}>{t("docs.type")}</label>
        <select id={id("type")} value={value.type} onChange={set("type")} {...invalid("type")}>
          <option value="">{t("docs.any")}</option>
          <CodeOptions names={names?.type} />
        </select>
        {messages("type")}
      </div>
      <div className="filter-field">
        <label htmlFor={id("issuer")}>{t("docs.issuer")}</label>
        <select id={id("issuer")} value={value.issuer} onChange={set("issuer")} {...invalid("issuer")}>
          <option value="">{t("docs.any")}</option>
          <CodeOptions names={names?.issuer} />
        </select>
        {messages("issuer")}
        {/* Documents of the authorities merged into this one (the post-merger review), only with an issuer. */}
        <label className="inline" htmlFor={id("with_predecessors")}>
          <input
            id={id("with_predecessors")}
            type="checkbox"
            checked={value.with_predecessors === "true"}
            disabled={!value.issuer}
            onChange={(event) => onChange({ ...value, with_predecessors: event.target.checked ? "true" : "" })}
            {...invalid("with_predecessors")}
          />
          {t("docs.withPredecessors")}
        </label>
        {messages("with_predecessors")}
      </div>
      <div className="filter-field">
        <label htmlFor={id("field")}>{t("docs.field")}</label>
        <select id={id("field")} value={value.field} onChange={set("field")} {...invalid("field")}>
          <option value="">{t("docs.any")}</option>
          <CodeOptions names={names?.field} />
        </select>
        {messages("field")}
      </div>
      <div className="filter-field">
        <label htmlFor={id("year")}>{t("docs.year")}</label>
        {/* Text, not type="number": what was typed reaches the API, which says what is wrong with it. */}
        <input id={id("year")} inputMode="numeric" autoComplete="off" value={value.year} onChange={set("year")} {...invalid("year")} />
        {messages("year")}
      </div>
    </div>
  );
}
