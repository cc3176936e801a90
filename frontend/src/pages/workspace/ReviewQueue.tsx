import { Link, useSearchParams } from "react-router-dom";
import { query, type Page } from "../../api";
import { DateInput } from "../../components/DateInput";
import { can, useAuth } from "../../auth";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { OrganisationSelect } from "./OrganisationSelect";
import { useActiveOrganisations } from "./organisations";
import { TaskCells } from "./TaskCells";
import { TASK_STATES, type ReviewTask } from "./reviewTypes";

export function ReviewQueue() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const scope = params.get("xem") === "tat-ca" ? "all" : "mine";
  const state = params.get("state") ?? "";
  const dueBefore = params.get("due_before") ?? "";
  const organisation = params.get("organisation") ?? "";
  // The Sở Tư pháp's coordinators see every organisation's tasks and may look at one; a department sees its own.
  const provinceWide = Boolean(me?.province_wide);
  const organisations = useActiveOrganisations();
  const path = `/reviews/${query({
    mine: scope === "mine" ? "true" : undefined,
    state: state || undefined,
    organisation: (provinceWide && organisation) || undefined,
    due_before: dueBefore || undefined,
    page_size: 100,
    ordering: "due_on",
  })}`;
  const { data, error, loading } = useApi<Page<ReviewTask>>(path);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };


  return (
    <div>
      <h1>{t("reviews.title")}</h1>
      {can(me, "reviews.plan") && (
        <p>
          <Link to="/can-bo/ke-hoach">{t("reviews.plans")}</Link>
        </p>
      )}
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={scope === "mine"} onClick={() => set("xem", "")}>
          {t("reviews.mine")}
        </button>
        <button type="button" role="tab" aria-selected={scope === "all"} onClick={() => set("xem", "tat-ca")}>
          {provinceWide ? t("reviews.all") : t("reviews.allOfMine")}
        </button>
      </div>
      {!provinceWide && me?.organisations.length ? (
        <p className="muted" data-testid="my-organisations">
          {t("reviews.ofOrganisations", { names: me.organisations.map((org) => org.name).join(", ") })}
        </p>
      ) : null}
      <div className="filters">
        {provinceWide && (
          <div className="form-field">
            <OrganisationSelect
              id="task-organisation"
              label={t("org.reviewing")}
              value={organisation}
              onChange={(code) => set("organisation", code)}
              organisations={organisations}
              emptyLabel={t("org.wholeProvince")}
            />
          </div>
        )}
        <label>
          {t("reviews.state")}
          <select value={state} onChange={(event) => set("state", event.target.value)}>
            <option value="">{t("reviews.anyState")}</option>
            {TASK_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`state.${value}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <div className="form-field">
          <label htmlFor="due-before">{t("reviews.dueBefore")}</label>
          <DateInput id="due-before" value={dueBefore} onChange={(iso) => set("due_before", iso)} />
        </div>
      </div>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <p>{t("common.loading")}</p>}
      {data && data.results.length === 0 && <p>{t("reviews.none")}</p>}
      {data && data.results.length > 0 && (
        // On a phone the table scrolls inside its box, not the whole page.
        <div className="table-scroll" role="region" aria-label={t("reviews.title")} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("reviews.document")}</th>
              <th scope="col">{t("org.reviewing")}</th>
              <th scope="col">{t("reviews.reviewer")}</th>
              <th scope="col">{t("reviews.due")}</th>
              <th scope="col">{t("reviews.state")}</th>
              <th scope="col">{t("reviews.outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((task) => (
              <tr key={task.id} data-testid="task-row">
                <TaskCells
                  task={task}
                  afterState={
                    // "Việc của tôi" of a legal officer also holds what waits for their approval: marked.
                    task.may_decide && (
                      <>
                        {" "}
                        <span className="badge badge-partial">{t("reviews.awaitingMe")}</span>
                      </>
                    )
                  }
                />
                <td>{task.outcome ? t(`outcome.${task.outcome}` as MessageKey) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}
