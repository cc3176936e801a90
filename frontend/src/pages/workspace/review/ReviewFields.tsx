import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import { OUTCOMES } from "../reviewTypes";
import type { ReviewInput } from "./useReviewTask";

interface Props {
  form: ReviewInput;
  onChange: (form: ReviewInput) => void;
  /** Only while the reviewer works on the task, and not while a write is on its way. */
  disabled: boolean;
  fields: Record<string, string[]>;
}

/** The reviewer's findings: the outcome, the provisions concerned, the findings and their legal grounds. */
export function ReviewFields({ form, onChange, disabled, fields }: Props) {
  const { t } = useI18n();
  return (
    <fieldset disabled={disabled} className="card">
      <label htmlFor="outcome">{t("reviews.outcome")}</label>
      <select id="outcome" value={form.outcome} onChange={(e) => onChange({ ...form, outcome: e.target.value })}>
        <option value="">{t("review.choose")}</option>
        {OUTCOMES.map((value) => (
          <option key={value} value={value}>
            {t(`outcome.${value}` as MessageKey)}
          </option>
        ))}
      </select>
      <FieldErrors messages={fields.outcome} />
      <label htmlFor="provisions">{t("review.provisions")}</label>
      <input id="provisions" value={form.provisions} onChange={(e) => onChange({ ...form, provisions: e.target.value })} />
      <FieldErrors messages={fields.provisions} />
      <label htmlFor="findings">{t("review.findings")}</label>
      <textarea id="findings" rows={6} value={form.findings} onChange={(e) => onChange({ ...form, findings: e.target.value })} />
      <FieldErrors messages={fields.findings} />
      <label htmlFor="legal_grounds">{t("review.legalGrounds")}</label>
      <textarea
        id="legal_grounds"
        rows={3}
        value={form.legal_grounds}
        onChange={(e) => onChange({ ...form, legal_grounds: e.target.value })}
      />
      <FieldErrors messages={fields.legal_grounds} />
    </fieldset>
  );
}
