import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { Organisation } from "./organisations";

/** Choose an organisation by its code; "" is the choice named by `emptyLabel` (the whole province, or none). */
export function OrganisationSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  organisations: Organisation[] | null;
  emptyLabel: string;
  errors?: string[];
}) {
  const { t } = useI18n();
  const { id, label, value, onChange, organisations, emptyLabel } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={Boolean(props.errors)}>
        <option value="">{emptyLabel}</option>
        {organisations === null && value && <option value={value}>{value}</option>}
        {(organisations ?? []).map((org) => (
          <option key={org.code} value={org.code}>
            {org.name}
          </option>
        ))}
      </select>
      {organisations === null && <span className="muted"> {t("common.loading")}</span>}
      <FieldErrors messages={props.errors} />
    </>
  );
}
