import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import type { ReviewTask } from "./reviewTypes";

/** A review task's document, organisation, reviewer, due date and state, as rows of the queue and of a plan show
 * them. */
export function TaskCells({ task, afterState }: { task: ReviewTask; afterState?: ReactNode }) {
  const { t, date } = useI18n();
  return (
    <>
      <td>
        <Link to={`/can-bo/ra-soat/${task.id}`}>{task.document.number}</Link>
        <div className="muted">{task.document.title}</div>
      </td>
      <td>{task.organisation?.name ?? t("org.province")}</td>
      <td>{task.reviewer ?? "—"}</td>
      <td>{date(task.due_on)}</td>
      <td>
        <span className={`state state-${task.state}`}>{t(`state.${task.state}` as MessageKey)}</span>
        {afterState}
      </td>
    </>
  );
}
