import { Link, useParams } from "react-router-dom";
import { ErrorMessage } from "../../components/ErrorMessage";
import { LiveNotice } from "../../components/LiveNotice";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { DecisionBox } from "./review/DecisionBox";
import { ReviewActions } from "./review/ReviewActions";
import { ReviewFields } from "./review/ReviewFields";
import { TextOnDate, localDay } from "./review/TextOnDate";
import { useReviewTask } from "./review/useReviewTask";

/** One review task: the reviewer's findings and the moves its state allows, and a legal officer's decision. */
export function ReviewForm() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const { task, loadError, form, setForm, notice, error, busy, save, move } = useReviewTask(id);

  if (!task)
    return loadError ? (
      // Another organisation's task is not found (404), as if it did not exist: say so, and lead back.
      <div>
        <ErrorMessage error={loadError} />
        <p>
          <Link to="/can-bo/ra-soat">{t("review.backToQueue")}</Link>
        </p>
      </div>
    ) : (
      <p aria-busy="true">{t("common.loading")}</p>
    );
  const editable = ["assigned", "in_progress", "returned"].includes(task.state);
  const fields = error?.fields ?? {};

  return (
    <div className="review-form">
      <h1>{t("review.title", { number: task.document.number })}</h1>
      <p>
        <Link to={`/van-ban/${task.document.id}`}>{task.document.title}</Link>
      </p>
      <p>
        <span className={`state state-${task.state}`}>{t(`state.${task.state}` as MessageKey)}</span> ·{" "}
        {t("reviews.reviewer")}: {task.reviewer ?? "—"} · {t("reviews.due")}: {date(task.due_on)}
      </p>
      <p data-testid="task-organisation">
        {t("org.reviewing")}: {task.organisation?.name ?? t("org.province")}
      </p>
      {task.two_approvals && (
        // Approved by the organisation's legal officer first, then by the Sở Tư pháp (decision 0023).
        <p className="muted" data-testid="approval-stage">
          {!task.org_approved_by
            ? t("review.twoApprovals")
            : task.state === "approved"
              ? t("review.bothApproved", { name: task.org_approved_by, date: date(task.org_approved_at) })
              : t("review.orgApproved", { name: task.org_approved_by, date: date(task.org_approved_at) })}
        </p>
      )}
      {/* The text the reviewer reviews: as in force on the day the findings were sent, or today while writing them. */}
      <TextOnDate documentId={task.document.id} on={localDay(task.submitted_at)} />
      <LiveNotice notice={notice} />
      {error && <ErrorMessage error={error} />}
      <ReviewFields form={form} onChange={setForm} disabled={!editable || busy} fields={fields} />
      <ReviewActions task={task} busy={busy} onSave={save} onMove={move} />
      {task.comment && (
        <p>
          {t("review.comment")}: {task.comment}
        </p>
      )}
      {task.may_decide && <DecisionBox form={form} onChange={setForm} errors={fields.comment} busy={busy} onMove={move} />}
      {task.recommendation && (
        <p>
          <Link to={`/can-bo/kien-nghi#kien-nghi-${task.recommendation}`}>
            {t("review.recommendation", { id: task.recommendation })}
          </Link>
        </p>
      )}
    </div>
  );
}
