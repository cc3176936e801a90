import { useI18n } from "../../../i18n";
import type { ReviewTask } from "../reviewTypes";
import type { Move } from "./useReviewTask";

interface Props {
  task: ReviewTask;
  busy: boolean;
  onSave: () => void;
  onMove: (action: Move) => void;
}

/** The reviewer's buttons for the task's state: start it, save or submit it, or take it up again once returned. */
export function ReviewActions({ task, busy, onSave, onMove }: Props) {
  const { t } = useI18n();
  return (
    <div className="actions">
      {task.state === "assigned" && (
        <button type="button" disabled={busy} onClick={() => onMove("start")}>
          {t("review.start")}
        </button>
      )}
      {task.state === "in_progress" && (
        <>
          <button type="button" className="secondary" disabled={busy} onClick={onSave}>
            {t("review.save")}
          </button>
          <button type="button" disabled={busy} onClick={() => onMove("submit")}>
            {t("review.submit")}
          </button>
        </>
      )}
      {task.state === "returned" && (
        <button type="button" disabled={busy} onClick={() => onMove("restart")}>
          {t("review.restart")}
        </button>
      )}
    </div>
  );
}
