import { useI18n } from "../../../i18n";
import { TaskCells } from "../TaskCells";
import type { ReviewTask } from "../reviewTypes";

interface Props {
  tasks: ReviewTask[];
  /** Legal officers choose tasks to assign: a checkbox a row, and one for them all. */
  selectable: boolean;
  selected: number[];
  onSelect: (ids: number[]) => void;
}

/** A plan's tasks, one row each. */
export function PlanTasksTable({ tasks, selectable, selected, onSelect }: Props) {
  const { t } = useI18n();
  const allSelected = tasks.length > 0 && selected.length === tasks.length;
  return (
    <div className="table-scroll" role="region" aria-label={t("reviews.title")} tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            {selectable && (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t("plans.selectAll")}
                  checked={allSelected}
                  onChange={(e) => onSelect(e.target.checked ? tasks.map((task) => task.id) : [])}
                />
              </th>
            )}
            <th scope="col">{t("reviews.document")}</th>
            <th scope="col">{t("org.reviewing")}</th>
            <th scope="col">{t("reviews.reviewer")}</th>
            <th scope="col">{t("reviews.due")}</th>
            <th scope="col">{t("reviews.state")}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-testid="plan-task">
              {selectable && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={t("plans.select", { number: task.document.number })}
                    checked={selected.includes(task.id)}
                    onChange={(e) => onSelect(e.target.checked ? [...selected, task.id] : selected.filter((item) => item !== task.id))}
                  />
                </td>
              )}
              <TaskCells task={task} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
