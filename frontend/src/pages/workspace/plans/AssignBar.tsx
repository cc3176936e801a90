import { DateInput } from "../../../components/DateInput";
import { FieldErrors } from "../../../components/FieldErrors";
import type { ApiError } from "../../../api";
import { useI18n } from "../../../i18n";
import { ReviewerSelect } from "../ReviewerSelect";
import type { Assignee } from "../reviewTypes";

interface Props {
  reviewer: string;
  onReviewer: (username: string) => void;
  dueOn: string;
  onDueOn: (iso: string) => void;
  assignees: Assignee[] | null;
  error: ApiError | null;
  busy: boolean;
}

/** A legal officer gives the chosen tasks to a reviewer (or to no one) and may move their due date. */
export function AssignBar({ reviewer, onReviewer, dueOn, onDueOn, assignees, error, busy }: Props) {
  const { t } = useI18n();
  return (
    <div className="card assign-bar">
      <div className="form-field">
        <ReviewerSelect
          id="assign-reviewer"
          label={t("plans.assignTo")}
          value={reviewer}
          onChange={onReviewer}
          assignees={assignees}
          errors={error?.fields.reviewer}
        />
      </div>
      <div className="form-field">
        <label htmlFor="assign-due">{t("plans.newDue")}</label>
        <DateInput id="assign-due" value={dueOn} onChange={onDueOn} />
        <FieldErrors messages={error?.fields.due_on} />
      </div>
      <button type="submit" disabled={busy}>
        {t("plans.assign")}
      </button>
      <FieldErrors messages={error?.fields.tasks} />
    </div>
  );
}
