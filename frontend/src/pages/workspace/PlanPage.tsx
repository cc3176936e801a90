import { Link, useLocation, useParams } from "react-router-dom";
import { can, useAuth } from "../../auth";
import { ErrorMessage } from "../../components/ErrorMessage";
import { LiveNotice } from "../../components/LiveNotice";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { AssignBar } from "./plans/AssignBar";
import { PlanTasksTable } from "./plans/PlanTasksTable";
import { usePlanTasks } from "./plans/usePlanTasks";
import type { Assignee, ReviewPlan } from "./reviewTypes";

/** One plan: its tasks, and (legal officers) giving several of them to a reviewer at once. */
export function PlanPage() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const created = (location.state as { created?: number } | null)?.created;
  const officer = can(me, "reviews.plan");
  const plan = useApi<ReviewPlan>(`/review-plans/${id}/`);
  const assignees = useApi<Assignee[]>(officer ? "/reviews/assignees/" : null);
  const work = usePlanTasks(id, assignees.data, created === undefined ? "" : t("plans.created", { count: created }));

  if (plan.error) return <ErrorMessage error={plan.error} />;
  if (!plan.data) return <p aria-busy="true">{t("common.loading")}</p>;

  return (
    <div>
      <p>
        <Link to="/can-bo/ke-hoach">{t("plans.back")}</Link>
      </p>
      <h1>{t("plans.detail", { title: plan.data.title })}</h1>
      <p className="muted">
        {t(`plans.kind.${plan.data.kind}` as MessageKey)} · {t("plans.deadline")}: {date(plan.data.deadline)} · {t("plans.tasks")}:{" "}
        {plan.data.tasks}
      </p>
      <LiveNotice notice={work.notice} />
      {work.loadError && <ErrorMessage error={work.loadError} />}
      {work.error && <ErrorMessage error={work.error} />}
      <form onSubmit={work.assign} noValidate>
        {officer && (
          <AssignBar
            reviewer={work.reviewer}
            onReviewer={work.setReviewer}
            dueOn={work.dueOn}
            onDueOn={work.setDueOn}
            assignees={assignees.data}
            error={work.error}
            busy={work.busy}
          />
        )}
        <PlanTasksTable tasks={work.tasks ?? []} selectable={officer} selected={work.selected} onSelect={work.setSelected} />
        {work.tasks && work.tasks.length === 0 && <p>{t("reviews.none")}</p>}
      </form>
    </div>
  );
}
