import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import type { Move, ReviewInput } from "./useReviewTask";

/** A legal officer other than the reviewer approves the submitted task or returns it, with a comment. */
export function DecisionBox(props: {
  form: ReviewInput;
  onChange: (form: ReviewInput) => void;
  errors?: string[];
  busy: boolean;
  onMove: (action: Move) => void;
}) {
  const { form, onChange, busy, onMove } = props;
  const { t } = useI18n();
  return (
    <div className="card approve">
      <p className="muted">{t("review.fourEyes")}</p>
      <label htmlFor="comment">{t("review.comment")}</label>
      <textarea id="comment" rows={3} value={form.comment} onChange={(e) => onChange({ ...form, comment: e.target.value })} />
      <FieldErrors messages={props.errors} />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => onMove("approve")}>
          {t("review.approve")}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onMove("return")}>
          {t("review.return")}
        </button>
      </div>
    </div>
  );
}
