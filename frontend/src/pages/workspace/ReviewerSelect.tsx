import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import type { Assignee } from "./reviewTypes";

/** Choose who reviews (or no one), from GET /reviews/assignees/: the plan form and a plan's assign bar. */
export function ReviewerSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (username: string) => void;
  assignees: Assignee[] | null;
  errors?: string[];
}) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t("plans.nobody")}</option>
        {props.assignees?.map((user) => (
          <option key={user.username} value={user.username}>
            {user.name} ({t(`role.${user.role}` as MessageKey)})
          </option>
        ))}
      </select>
      <FieldErrors messages={props.errors} />
    </>
  );
}
