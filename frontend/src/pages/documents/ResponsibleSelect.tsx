import type { Page } from "../../api";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import type { Organisation } from "../workspace/organisations";

// The order a drafting body is looked for in: departments draft most decisions, the Sở Tư pháp its own field's.
const KINDS = ["department", "justice", "province", "commune"] as const;

function active(org: Organisation, today: string): boolean {
  return !org.succeeded_by && (!org.valid_until || org.valid_until >= today);
}

/** The document's responsible organisation (cơ quan chủ trì soạn thảo): the active organisations grouped by kind, by
 * name; a merged or dissolved one only when it is the document's already, so an old document still shows its own. */
export function ResponsibleSelect(props: {
  value: string;
  onChange: (code: string) => void;
  errors?: string[];
  /** What the uploaded file names ("Sở Tài chính"), shown under the select, and whether it matched one. */
  proposedBy?: string;
  proposedKnown?: boolean;
}) {
  const { t } = useI18n();
  const { data } = useApi<Page<Organisation>>("/organisations/?page_size=500&ordering=name");
  const today = new Date().toISOString().slice(0, 10);
  const all = data?.results ?? [];
  const former = all.filter((org) => org.code === props.value && !active(org, today));
  const matched = all.some((org) => org.code === props.value);
  return (
    <div className="form-field">
      <label htmlFor="doc-responsible">{t("org.drafting")}</label>
      <select
        id="doc-responsible"
        value={props.value}
        aria-invalid={Boolean(props.errors)}
        aria-describedby={props.proposedBy ? "doc-responsible-found" : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">{t("org.none")}</option>
        {/* Until the list comes, the current code stays selectable so the value is not lost. */}
        {props.value && !matched && <option value={props.value}>{props.value}</option>}
        {KINDS.map((kind) => {
          const orgs = all.filter((org) => org.kind === kind && active(org, today));
          return (
            orgs.length > 0 && (
              <optgroup key={kind} label={t(`org.kind.${kind}` as MessageKey)}>
                {orgs.map((org) => (
                  <option key={org.code} value={org.code}>
                    {org.name}
                  </option>
                ))}
              </optgroup>
            )
          );
        })}
        {former.length > 0 && (
          <optgroup label={t("org.kind.former")}>
            {former.map((org) => (
              <option key={org.code} value={org.code}>
                {org.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {props.proposedBy && (
        <p id="doc-responsible-found" className="muted">
          {t(props.proposedKnown ? "org.proposedBy" : "org.proposedUnknown", { body: props.proposedBy })}
        </p>
      )}
      <FieldErrors messages={props.errors} />
    </div>
  );
}
