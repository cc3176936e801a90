import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { ApiError, api, type Page } from "../../api";
import { can, useAuth } from "../../auth";
import { DateInput, refuseWrongDates } from "../../components/DateInput";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { ReviewerSelect } from "./ReviewerSelect";
import { TaskCells } from "./TaskCells";
import type { Assignee, ReviewPlan, ReviewTask } from "./reviewTypes";

/** Every task of a plan (a plan has a few hundred at most: one page). */
async function planTasks(id: string | undefined): Promise<ReviewTask[]> {
  return (await api<Page<ReviewTask>>(`/reviews/?plan=${id}&page_size=500`)).results;
}

/** One plan: its tasks, and (legal officers) giving several of them to a reviewer at once. */
export function PlanPage() {
  const { id } = useParams();
  const { t, date } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const created = (location.state as { created?: number } | null)?.created;
  const plan = useApi<ReviewPlan>(`/review-plans/${id}/`);
  const assignees = useApi<Assignee[]>(can(me, "reviews.plan") ? "/reviews/assignees/" : null);
  const [tasks, setTasks] = useState<ReviewTask[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [reviewer, setReviewer] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [notice, setNotice] = useState<string>(created === undefined ? "" : t("plans.created", { count: created }));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => setTasks(await planTasks(id));
  useEffect(() => {
    // An answer for a plan the page has left (another id) is dropped.
    let current = true;
    planTasks(id).then(
      (found) => current && setTasks(found),
      (caught: unknown) => current && setLoadError(caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught))),
    );
    return () => {
      current = false;
    };
  }, [id]);

  const assign = async (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    setError(null);
    setNotice("");
    if (!tasks || selected.length === 0) {
      setNotice(t("plans.noneSelected"));
      return;
    }
    setBusy(true);
    try {
      const chosen = tasks.filter((task) => selected.includes(task.id));
      await api<ReviewTask[]>("/reviews/assign/", {
        method: "POST",
        body: JSON.stringify({
          tasks: chosen.map((task) => ({ id: task.id, version: task.version })),
          reviewer: reviewer || null,
          ...(dueOn ? { due_on: dueOn } : {}),
        }),
      });
      await load();
      const name = assignees.data?.find((user) => user.username === reviewer)?.name ?? reviewer;
      setNotice(reviewer ? t("plans.assigned", { count: chosen.length, name }) : t("plans.unassigned", { count: chosen.length }));
      setSelected([]);
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught));
      if (apiError.status === 412) {
        await load();
        setNotice(t("plans.stale"));
      } else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  if (plan.error) return <ErrorMessage error={plan.error} />;
  if (!plan.data) return <p aria-busy="true">{t("common.loading")}</p>;
  const all = tasks ?? [];
  const allSelected = all.length > 0 && selected.length === all.length;
  const officer = can(me, "reviews.plan");

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
      <p role="status" className={notice ? "notice" : "visually-hidden"}>
        {notice}
      </p>
      {loadError && <ErrorMessage error={loadError} />}
      {error && <ErrorMessage error={error} />}
      <form onSubmit={assign} noValidate>
        {officer && (
          <div className="card assign-bar">
            <div className="form-field">
              <ReviewerSelect
                id="assign-reviewer"
                label={t("plans.assignTo")}
                value={reviewer}
                onChange={setReviewer}
                assignees={assignees.data}
                errors={error?.fields.reviewer}
              />
            </div>
            <div className="form-field">
              <label htmlFor="assign-due">{t("plans.newDue")}</label>
              <DateInput id="assign-due" value={dueOn} onChange={setDueOn} />
              <FieldErrors messages={error?.fields.due_on} />
            </div>
            <button type="submit" disabled={busy}>
              {t("plans.assign")}
            </button>
            <FieldErrors messages={error?.fields.tasks} />
          </div>
        )}
        <div className="table-scroll" role="region" aria-label={t("reviews.title")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                {officer && (
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t("plans.selectAll")}
                      checked={allSelected}
                      onChange={(e) => setSelected(e.target.checked ? all.map((task) => task.id) : [])}
                    />
                  </th>
                )}
                <th scope="col">{t("reviews.document")}</th>
                <th scope="col">{t("reviews.reviewer")}</th>
                <th scope="col">{t("reviews.due")}</th>
                <th scope="col">{t("reviews.state")}</th>
              </tr>
            </thead>
            <tbody>
              {all.map((task) => (
                <tr key={task.id} data-testid="plan-task">
                  {officer && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t("plans.select", { number: task.document.number })}
                        checked={selected.includes(task.id)}
                        onChange={(e) =>
                          setSelected(e.target.checked ? [...selected, task.id] : selected.filter((item) => item !== task.id))
                        }
                      />
                    </td>
                  )}
                  <TaskCells task={task} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {tasks && tasks.length === 0 && <p>{t("reviews.none")}</p>}
      </form>
    </div>
  );
}
