import { useState } from "react";
import { Link } from "react-router-dom";
import type { Page } from "../../api";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { STEP_KINDS, boardColumn, type Recommendation } from "./reviewTypes";

const COLUMNS = ["not_started", ...STEP_KINDS] as const;
const OPEN = ["open", "in_progress", "overdue"];

export function RecommendationsBoard() {
  const { t, date } = useI18n();
  const [showClosed, setShowClosed] = useState(false);
  const { data, error, loading } = useApi<Page<Recommendation>>("/recommendations/?page_size=500");
  const items = (data?.results ?? []).filter((rec) => showClosed || OPEN.includes(rec.status));
  const label = (column: string) => (column === "not_started" ? t("rec.notStarted") : t(`step.${column}` as MessageKey));

  return (
    <div>
      <h1>{t("rec.title")}</h1>
      <label className="inline">
        <input type="checkbox" checked={showClosed} onChange={(event) => setShowClosed(event.target.checked)} />
        {t("rec.showClosed")}
      </label>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <p>{t("common.loading")}</p>}
      {data && items.length === 0 && <p>{t("rec.none")}</p>}
      <div className="board">
        {COLUMNS.map((column) => {
          const cards = items.filter((rec) => boardColumn(rec) === column);
          return (
            <section key={column} className="board-column" aria-labelledby={`col-${column}`}>
              <h2 id={`col-${column}`}>
                {label(column)} <span className="count">{cards.length}</span>
              </h2>
              <ul>
                {cards.map((rec) => (
                  <li
                    key={rec.id}
                    id={`kien-nghi-${rec.id}`}
                    className={`rec-card${rec.status === "overdue" ? " overdue" : ""}`}
                    data-testid="recommendation"
                  >
                    <p className="rec-action">
                      {t(`outcome.${rec.action}` as MessageKey)}
                      {rec.status === "overdue" && <span className="badge badge-ended">{t("rec.overdue")}</span>}
                    </p>
                    <p>
                      {rec.targets.length
                        ? rec.targets.map((target, index) => (
                            <span key={target.id}>
                              {index > 0 && ", "}
                              <Link to={`/van-ban/${target.id}`}>{target.number}</Link>
                            </span>
                          ))
                        : rec.target_text}
                    </p>
                    {rec.provisions.length > 0 && <p className="muted">{rec.provisions.join(", ")}</p>}
                    <p className="muted">
                      {t(`recstatus.${rec.status}` as MessageKey)}
                      {rec.deadline && ` · ${t("rec.deadline")}: ${date(rec.deadline)}`}
                    </p>
                    {rec.drafting_body && (
                      <p className="muted">
                        {t("rec.draftingBody")}: {rec.drafting_body}
                      </p>
                    )}
                    {rec.resolved_by && (
                      <p>
                        <Link to={`/van-ban/${rec.resolved_by.id}`}>{t("rec.resolvedBy", { number: rec.resolved_by.number })}</Link>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
