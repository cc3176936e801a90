import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../../api";
import { DateInput, refuseWrongDates } from "../../../components/DateInput";
import { DocumentFilters, NO_FILTERS, type DocumentFilterValues } from "../../../components/DocumentFilters";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { FieldErrors } from "../../../components/FieldErrors";
import { useI18n } from "../../../i18n";
import type { MessageKey } from "../../../i18n/vi";
import { useAuth } from "../../../auth";
import { useApi } from "../../../useApi";
import { useWrite } from "../../../useWrite";
import { OrganisationSelect } from "../OrganisationSelect";
import { useActiveOrganisations } from "../organisations";
import { ReviewerSelect } from "../ReviewerSelect";
import { PLAN_KINDS, type Assignee, type ReviewPlan } from "../reviewTypes";
import { scopeParams } from "./planScope";
import { useScopeCount } from "./useScopeCount";

const SHARE_BY = ["", "field", "responsible"] as const;

/** A new review plan (legal officers): its name, kind, deadline, organisation, reviewer and scope, counted as it is
 * chosen. The Sở Tư pháp's coordinators may share its tasks out to the departments (by field or by the documents'
 * responsible organisation) and ask for their own approval after each department's. */
export function PlanForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { me } = useAuth();
  const provinceWide = Boolean(me?.province_wide);
  const organisations = useActiveOrganisations();
  const [organisation, setOrganisation] = useState(me?.organisations[0]?.code ?? "");
  const [shareBy, setShareBy] = useState<string>("");
  const [twoApprovals, setTwoApprovals] = useState(false);
  const assignees = useApi<Assignee[]>("/reviews/assignees/");
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<string>("periodic");
  const [scope, setScope] = useState<DocumentFilterValues>(NO_FILTERS);
  const [deadline, setDeadline] = useState("");
  const [reviewer, setReviewer] = useState("");
  const params = scopeParams(scope);
  const { count, error: scopeError } = useScopeCount(JSON.stringify(params));
  const { error, busy, run } = useWrite();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refuseWrongDates(event.currentTarget as HTMLFormElement)) return;
    void run(async () => {
      const plan = await api<ReviewPlan>("/review-plans/", {
        method: "POST",
        body: JSON.stringify({
          title,
          kind,
          scope: params,
          deadline: deadline || null,
          organisation: organisation || null,
          share_by: shareBy,
          needs_justice_approval: Boolean(shareBy) && twoApprovals,
          ...(reviewer && !shareBy ? { reviewer } : {}),
        }),
      });
      navigate(`/can-bo/ke-hoach/${plan.id}`, { state: { created: plan.tasks } });
    });
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
          <OrganisationSelect
            id="plan-organisation"
            label={t("org.planOwner")}
            value={organisation}
            onChange={setOrganisation}
            // A department's officer plans only for the organisations they work in.
            organisations={
              provinceWide ? organisations : (organisations ?? []).filter((org) => me?.organisations.some((own) => own.code === org.code))
            }
            emptyLabel={provinceWide ? t("org.province") : t("org.choose")}
            errors={fields.organisation}
          />
        </div>
        {provinceWide && (
          <div className="form-field">
            <label htmlFor="plan-share-by">{t("org.shareBy")}</label>
            <select id="plan-share-by" value={shareBy} onChange={(e) => setShareBy(e.target.value)}>
              {SHARE_BY.map((value) => (
                <option key={value} value={value}>
                  {t(`org.shareBy.${value || "none"}` as MessageKey)}
                </option>
              ))}
            </select>
            <FieldErrors messages={fields.share_by} />
          </div>
        )}
        {provinceWide && shareBy && (
          <div className="form-field">
            <label className="checkbox">
              <input type="checkbox" checked={twoApprovals} onChange={(e) => setTwoApprovals(e.target.checked)} />{" "}
              {t("org.needsJusticeApproval")}
            </label>
          </div>
        )}
        {!shareBy && (
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
        )}
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
