import { Link, useSearchParams } from "react-router-dom";
import type { Page, Schema, SearchAnswer } from "../../api";
import { useAuth } from "../../auth";
import { BarChart } from "../../components/BarChart";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { STATUSES, statusKey } from "../../status";
import { useApi } from "../../useApi";
import { OrganisationSelect } from "./OrganisationSelect";
import { useActiveOrganisations } from "./organisations";
import { TASK_STATES, type Recommendation } from "./reviewTypes";

/** The yearly review report: every review figure counts a task in the year it is due (backend/reviews/report.py). */
type Report = Schema<"ReviewReport">;

const bars = (counts: Record<string, number>, label: (key: string) => string = (key) => key) =>
  Object.entries(counts).map(([key, value]) => ({ label: label(key), value }));

export function Dashboard() {
  const { t, date } = useI18n();
  const [params, setParams] = useSearchParams();
  const { me } = useAuth();
  const year = params.get("year") ?? String(new Date().getFullYear());
  // The review figures are the reader's (a department's own; the Sở Tư pháp's, one organisation or the province).
  const organisation = (me?.province_wide && params.get("organisation")) || "";
  const organisations = useActiveOrganisations();
  const reportQuery = `year=${year}${organisation ? `&organisation=${encodeURIComponent(organisation)}` : ""}`;
  const report = useApi<Report>(/^\d{4}$/.test(year) ? `/reports/reviews/?${reportQuery}` : null);
  const overdueQuery = organisation ? `&organisation=${encodeURIComponent(organisation)}` : "";
  const facets = useApi<SearchAnswer>("/search/?page_size=1");
  const overdue = useApi<Page<Recommendation>>(`/recommendations/?status=overdue&page_size=20${overdueQuery}`);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const data = report.data;
  // The tasks by state come from the same report, counted by the same rule as "reviewed": they always agree.
  const states = Object.fromEntries(TASK_STATES.map((state) => [state, data?.tasks_by_state[state] ?? 0]).filter(([, n]) => n));
  const byType: Record<string, number> = {};
  for (const [type, actions] of Object.entries(data?.outcomes.by_type ?? {})) {
    byType[type] = Object.values(actions).reduce((sum, value) => sum + value, 0);
  }
  const statusCounts = facets.data?.facets.status ?? {};
  const yearCounts = Object.entries(facets.data?.facets.year ?? {}).sort(([a], [b]) => a.localeCompare(b));

  return (
    <div className="dashboard">
      <h1>{t("dash.title", { year })}</h1>
      <div className="filters">
        <label>
          {t("dash.year")}
          <input type="number" min={1945} max={9999} value={year} onChange={(e) => set("year", e.target.value)} />
        </label>
        {me?.province_wide ? (
          <div className="form-field">
            <OrganisationSelect
              id="dash-organisation"
              label={t("org.reviewing")}
              value={organisation}
              onChange={(code) => set("organisation", code)}
              organisations={organisations}
              emptyLabel={t("org.wholeProvince")}
            />
          </div>
        ) : (
          me?.organisations.length ? (
            <p className="muted" data-testid="dash-organisations">
              {t("dash.ofOrganisations", { names: me.organisations.map((org) => org.name).join(", ") })}
            </p>
          ) : null
        )}
        <p className="downloads">
          <a href={`/api/v1/reports/reviews/?${reportQuery}&format=docx`} download>
            {t("dash.report")} (.docx)
          </a>
          <a href={`/api/v1/reports/reviews/?${reportQuery}&format=xlsx`} download>
            {t("dash.report")} (.xlsx)
          </a>
        </p>
      </div>
      {report.error && <ErrorMessage error={report.error} />}
      {data && (
        <p className="muted" data-testid="counted-by">
          {t("dash.countedBy", { year: data.year })}
        </p>
      )}
      {data && (
        <dl className="figures" data-testid="figures">
          <div>
            <dt>{t("dash.issued")}</dt>
            <dd>{data.issued.total}</dd>
          </div>
          <div>
            <dt>{t("dash.reviewed")}</dt>
            <dd>{data.reviewed}</dd>
          </div>
          <div>
            <dt>{t("dash.opened")}</dt>
            <dd>{data.recommendations.opened}</dd>
          </div>
          <div>
            <dt>{t("dash.resolved")}</dt>
            <dd>{data.recommendations.resolved}</dd>
          </div>
          <div>
            <dt>{t("dash.overdue")}</dt>
            <dd>{data.recommendations.overdue}</dd>
          </div>
        </dl>
      )}
      <div className="charts">
        <BarChart
          title={t("dash.byAction")}
          bars={bars(data?.outcomes.by_action ?? {}, (key) => t(`outcome.${key}` as MessageKey))}
        />
        <BarChart title={t("dash.byType")} bars={bars(byType)} />
        <BarChart
          title={t("dash.byStatus")}
          testId="chart-status"
          bars={STATUSES.filter((status) => status in statusCounts).map((status) => ({
            label: t(statusKey(status)),
            value: statusCounts[status],
          }))}
        />
        <BarChart title={t("dash.byYear")} bars={yearCounts.map(([label, value]) => ({ label, value }))} />
        <BarChart
          title={t("dash.reviewsByState", { year })}
          testId="chart-states"
          bars={bars(states, (key) => t(`state.${key}` as MessageKey))}
        />
      </div>
      <section className="card">
        <h2>{t("dash.overdueList")}</h2>
        {overdue.data && overdue.data.results.length === 0 && <p>{t("dash.noOverdue")}</p>}
        <ul>
          {overdue.data?.results.map((rec) => (
            <li key={rec.id}>
              <Link to={`/can-bo/kien-nghi#kien-nghi-${rec.id}`}>
                {t(`outcome.${rec.action}` as MessageKey)}: {rec.targets.map((target) => target.number).join(", ") || rec.target_text}
              </Link>{" "}
              ({t("rec.deadline")}: {date(rec.deadline)})
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
