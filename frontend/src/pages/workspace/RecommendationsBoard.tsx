import { useState } from "react";
import type { Page } from "../../api";
import { can, useAuth } from "../../auth";
import { ErrorMessage } from "../../components/ErrorMessage";
import { noticesChanged } from "../../components/Layout";
import { LiveNotice } from "../../components/LiveNotice";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import { useApi } from "../../useApi";
import { OPEN, RecommendationCard } from "./recommendations/RecommendationCard";
import { STEP_KINDS, boardColumn, type Recommendation } from "./reviewTypes";

const COLUMNS = ["not_started", ...STEP_KINDS] as const;

export function RecommendationsBoard() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [showClosed, setShowClosed] = useState(false);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState("");
  const { data, error, loading } = useApi<Page<Recommendation>>(`/recommendations/?page_size=500${reload ? `&v=${reload}` : ""}`);
  // What a write answered, until the list is read again.
  const [fresh, setFresh] = useState<Record<number, Recommendation>>({});
  const all = (data?.results ?? []).map((rec) => fresh[rec.id] ?? rec);
  const items = all.filter((rec) => showClosed || OPEN.includes(rec.status));
  const label = (column: string) => (column === "not_started" ? t("rec.notStarted") : t(`step.${column}` as MessageKey));
  const saved = (rec: Recommendation, message: string) => {
    setFresh({ ...fresh, [rec.id]: rec });
    setNotice(message);
    noticesChanged(); // a recommendation no longer overdue closes its notices
  };
  const stale = () => {
    setFresh({});
    setReload(reload + 1);
    setNotice(t("rec.stale"));
  };

  return (
    <div>
      <h1>{t("rec.title")}</h1>
      <label className="inline">
        <input type="checkbox" checked={showClosed} onChange={(event) => setShowClosed(event.target.checked)} />
        {t("rec.showClosed")}
      </label>
      <LiveNotice notice={notice} />
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
                  <RecommendationCard key={rec.id} rec={rec} editable={can(me, "recommendations.write")} onSaved={saved} onStale={stale} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
