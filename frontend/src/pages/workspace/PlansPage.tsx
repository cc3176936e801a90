import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ApiError, api, type Page } from "../../api";
import { can, useAuth } from "../../auth";
import { DateInput, refuseWrongDates } from "../../components/DateInput";
import { DocumentFilters, filterParams, NO_FILTERS, type DocumentFilterValues } from "../../components/DocumentFilters";
import { ErrorMessage } from "../../components/ErrorMessage";
import { FieldErrors } from "../../components/FieldErrors";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { ReviewerSelect } from "./ReviewerSelect";
import { PLAN_KINDS, type Assignee, type ReviewPlan } from "./reviewTypes";

/** The scope as the plan keeps it: the document list's filter parameters (only what was chosen), the flags as
 * booleans and a year of digits as a number; anything else goes as typed, for the API to refuse under its name. */
export function scopeParams(scope: DocumentFilterValues): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { ...filterParams(scope) };
  for (const flag of ["published", "with_predecessors"] as const) {
    if (out[flag] === "true" || out[flag] === "false") out[flag] = out[flag] === "true";
  }
  if (typeof out.year === "string" && /^\d+$/.test(out.year)) out.year = Number(out.year);
  return out;
}

/** Review plans: the list, and (legal officers) a form that shows how many documents a scope covers. */
export function PlansPage() {
  const { t, date } = useI18n();
  const { me } = useAuth();
  const { data, error } = useApi<Page<ReviewPlan>>("/review-plans/?page_size=100");
  return (
    <div>
      <h1>{t("plans.title")}</h1>
      {error && <ErrorMessage error={error} />}
      {data && data.results.length === 0 && <p>{t("plans.none")}</p>}
      {data && data.results.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t("plans.title")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("plans.name")}</th>
                <th scope="col">{t("plans.kind")}</th>
                <th scope="col">{t("plans.tasks")}</th>
                <th scope="col">{t("plans.deadline")}</th>
                <th scope="col">{t("plans.owner")}</th>
              </tr>
            </thead>
            <tbody>
              {data.results.map((plan) => (
                <tr key={plan.id}>
                  <td>
                    <Link to={`/can-bo/ke-hoach/${plan.id}`}>{plan.title}</Link>
                  </td>
                  <td>{t(`plans.kind.${plan.kind}` as MessageKey)}</td>
                  <td>{plan.tasks}</td>
                  <td>{date(plan.deadline)}</td>
                  <td>{plan.owner ?? t("plans.system")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(me, "reviews.plan") && <PlanForm />}
    </div>
  );
}

function PlanForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const assignees = useApi<Assignee[]>("/reviews/assignees/");
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<string>("periodic");
  const [scope, setScope] = useState<DocumentFilterValues>(NO_FILTERS);
  const [deadline, setDeadline] = useState("");
  const [reviewer, setReviewer] = useState("");
  // The count belongs to the scope it was counted for: while another scope is counted, none is shown.
  const [counted, setCounted] = useState<{ scope: string; documents: number } | null>(null);
  const [scopeError, setScopeError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const params = scopeParams(scope);
  const scopeKey = JSON.stringify(params);
  const count = counted?.scope === scopeKey ? counted.documents : null;

  useEffect(() => {
    // Count what the scope covers as it is chosen (the same rule the plan will use), after a short pause.
    let current = true;
    const timer = window.setTimeout(() => {
      api<{ documents: number }>("/review-plans/preview/", { method: "POST", body: JSON.stringify({ scope: JSON.parse(scopeKey) }) }).then(
        (answer) => {
          if (!current) return;
          setScopeError(null);
          setCounted({ scope: scopeKey, documents: answer.documents });
        },
        (caught: unknown) => current && setScopeError(caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught))),
      );
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [scopeKey]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    setBusy(true);
    setError(null);
    try {
      const plan = await api<ReviewPlan>("/review-plans/", {
        method: "POST",
        body: JSON.stringify({ title, kind, scope: params, deadline: deadline || null, ...(reviewer ? { reviewer } : {}) }),
      });
      navigate(`/can-bo/ke-hoach/${plan.id}`, { state: { created: plan.tasks } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "error", String(caught)));
    } finally {
      setBusy(false);
    }
  };
  const fields = { ...(scopeError?.fields ?? {}), ...(error?.fields ?? {}) };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="plan-new">
      <h2 id="plan-new">{t("plans.new")}</h2>
      {error && <ErrorMessage error={error} />}
      <div className="document-form">
        <div className="form-field wide">
          <label htmlFor="plan-title">{t("plans.name")}</label>
          <input id="plan-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={Boolean(fields.title)} />
          <FieldErrors messages={fields.title} />
        </div>
        <div className="form-field">
          <label htmlFor="plan-kind">{t("plans.kind")}</label>
          <select id="plan-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {PLAN_KINDS.filter((value) => value !== "triggered").map((value) => (
              <option key={value} value={value}>
                {t(`plans.kind.${value}` as MessageKey)}
              </option>
            ))}
          </select>
          <FieldErrors messages={fields.kind} />
        </div>
        <div className="form-field">
          <label htmlFor="plan-deadline">{t("plans.deadline")}</label>
          <DateInput id="plan-deadline" value={deadline} onChange={setDeadline} aria-invalid={Boolean(fields.deadline)} />
          <FieldErrors messages={fields.deadline} />
        </div>
        <div className="form-field">
          <ReviewerSelect
            id="plan-reviewer"
            label={t("plans.reviewer")}
            value={reviewer}
            onChange={setReviewer}
            assignees={assignees.data}
            errors={fields.reviewer}
          />
        </div>
      </div>
      <fieldset className="form-field">
        <legend>{t("plans.scope")}</legend>
        <DocumentFilters value={scope} onChange={setScope} errors={fields} idPrefix="scope" />
        <FieldErrors messages={fields.scope} />
        <p aria-live="polite" data-testid="plan-count">
          {count === null ? (scopeError ? "" : t("plans.counting")) : t("plans.count", { count })}
        </p>
      </fieldset>
      <button type="submit" disabled={busy}>
        {t("plans.create")}
      </button>
    </form>
  );
}
