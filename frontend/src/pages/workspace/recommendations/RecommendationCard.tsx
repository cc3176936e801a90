import { Link } from "react-router-dom";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import { STEP_KINDS } from "../reviewTypes";
import { DetailsForm } from "./DetailsForm";
import { StepForm } from "./StepForm";
import type { FormProps } from "./useCardWrite";

/** The statuses still being worked on: the board shows only these unless asked, and only these can be updated. */
export const OPEN = ["open", "in_progress", "overdue"];

type CardProps = FormProps & { editable: boolean };

/** One recommendation on the board: its action, target, status, steps so far, and (for officers) its update forms. */
export function RecommendationCard({ rec, editable, onSaved, onStale }: CardProps) {
  const { t, date } = useI18n();
  const target = rec.targets.map((item) => item.number).join(", ") || rec.target_text;
  return (
    <li id={`kien-nghi-${rec.id}`} className={`rec-card${rec.status === "overdue" ? " overdue" : ""}`} data-testid="recommendation">
      <p className="rec-action">
        {t(`outcome.${rec.action}` as MessageKey)}
        {rec.status === "overdue" && <span className="badge badge-ended">{t("rec.overdue")}</span>}
      </p>
      <p>
        {rec.targets.length
          ? rec.targets.map((item, index) => (
              <span key={item.id}>
                {index > 0 && ", "}
                <Link to={`/van-ban/${item.id}`}>{item.number}</Link>
              </span>
            ))
          : rec.target_text}
      </p>
      {rec.provisions.length > 0 && <p className="muted">{rec.provisions.join(", ")}</p>}
      <p className="muted" data-testid="rec-status">
        {t(`recstatus.${rec.status}` as MessageKey)}
        {rec.deadline && ` · ${t("rec.deadline")}: ${date(rec.deadline)}`}
      </p>
      {rec.drafting_organisation && (
        <p className="muted" data-testid="rec-organisation">
          {t("org.drafting")}: {rec.drafting_organisation.name}
        </p>
      )}
      {rec.drafting_body && (
        <p className="muted">
          {t("rec.draftingBody")}: {rec.drafting_body}
        </p>
      )}
      {rec.steps.length > 0 && (
        <ol className="steps" aria-label={t("rec.steps")}>
          {[...rec.steps]
            .sort((a, b) => STEP_KINDS.indexOf(a.kind as never) - STEP_KINDS.indexOf(b.kind as never))
            .map((step) => (
              <li key={step.kind}>
                {t(`step.${step.kind}` as MessageKey)}: {step.reference || "—"}
                {step.on && ` (${date(step.on)})`}
              </li>
            ))}
        </ol>
      )}
      {rec.resolved_by && (
        <p>
          <Link to={`/van-ban/${rec.resolved_by.id}`}>{t("rec.resolvedBy", { number: rec.resolved_by.number })}</Link>
        </p>
      )}
      {(editable || rec.may_record_steps) && OPEN.includes(rec.status) && (
        // The drafting organisation's staff record its steps; its legal officers also edit the recommendation.
        <details>
          <summary aria-label={t("rec.updateOf", { target })}>{t("rec.update")}</summary>
          {rec.may_record_steps && <StepForm rec={rec} onSaved={onSaved} onStale={onStale} />}
          {editable && rec.may_edit && <DetailsForm rec={rec} onSaved={onSaved} onStale={onStale} />}
        </details>
      )}
    </li>
  );
}
