import { Link } from "react-router-dom";
import type { Page } from "../../api";
import { can, useAuth } from "../../auth";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { PlanForm } from "./plans/PlanForm";
import type { ReviewPlan } from "./reviewTypes";

// src/__tests__/plans.test.ts imports the scope's rule from the page.
export { scopeParams } from "./plans/planScope";

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
                <th scope="col">{t("org.planOwner")}</th>
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
                  <td>
                    {plan.organisation_name ?? t("org.province")}
                    {plan.share_by && <div className="muted">{t(`org.shareBy.${plan.share_by}` as MessageKey)}</div>}
                  </td>
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
