import { useState } from "react";
import type { SearchAnswer } from "../../api";
import { DateInput } from "../../components/DateInput";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n/vi";
import type { Names } from "../../names";
import { statusKey } from "../../status";
import { FACETS, readState, toggle, type Facet, type SearchState } from "../searchParams";

function facetLabel(facet: Facet, value: string, names: Names | null, t: (key: MessageKey) => string): string {
  if (facet === "status") return t(statusKey(value));
  if (facet === "year") return value;
  return names?.[facet][value] ?? value;
}

interface Props {
  state: SearchState;
  /** The counts of the last answer (none yet: only what the address chose). */
  facets: SearchAnswer["facets"] | undefined;
  names: Names | null;
  go: (next: SearchState) => void;
}

/** The search's filters: the status on a date, then each facet's values with their counts, and clearing them all. */
export function FacetPanel({ state, facets, names, go }: Props) {
  const { t } = useI18n();
  const chosen = FACETS.reduce((sum, facet) => sum + state.filters[facet].length, 0) + (state.on ? 1 : 0);
  const anyFilter = chosen > 0;
  // On a phone the filters come first, folded behind one button (styles.css shows them always on a wide screen).
  const [filtersOpen, setFiltersOpen] = useState(false);
  return (
    <aside className={`facets${filtersOpen ? " open" : ""}`} aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="filters-heading">
        {t("search.filters")}
      </h2>
      <button
        type="button"
        className="filters-toggle secondary"
        aria-expanded={filtersOpen}
        aria-controls="filters-panel"
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        {t("search.showFilters")}
        {chosen > 0 && ` (${t("search.activeFilters", { count: chosen })})`}
      </button>
      <div id="filters-panel" className="filters-panel">
        <div className="on-date">
          <label htmlFor="on-date">{t("search.onDate")}</label>
          <DateInput id="on-date" value={state.on} onChange={(on) => go({ ...state, on, page: 1 })} />
        </div>
        {FACETS.map((facet) => {
          // Coded facets wait for their names rather than flash codes.
          if (!names && facet !== "status" && facet !== "year") return null;
          const counts = facets?.[facet] ?? {};
          const values = Object.keys(counts);
          for (const picked of state.filters[facet]) if (!values.includes(picked)) values.push(picked);
          if (!values.length) return null;
          return (
            <fieldset key={facet}>
              <legend>{t(`facet.${facet}` as MessageKey)}</legend>
              {values.map((value) => (
                <label key={value} className="facet-option">
                  <input
                    type="checkbox"
                    checked={state.filters[facet].includes(value)}
                    onChange={() => go(toggle(state, facet, value))}
                  />
                  <span>{facetLabel(facet, value, names, t)}</span>
                  <span className="count">{counts[value] ?? 0}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
        {anyFilter && (
          <button
            type="button"
            className="link"
            onClick={() => go({ q: state.q, on: "", page: 1, filters: readState(new URLSearchParams()).filters })}
          >
            {t("search.clear")}
          </button>
        )}
      </div>
    </aside>
  );
}
