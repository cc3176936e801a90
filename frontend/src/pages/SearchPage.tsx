import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { query, type SearchAnswer } from "../api";
import { DateInput } from "../components/DateInput";
import { ErrorMessage } from "../components/ErrorMessage";
import { Highlight } from "../components/Highlight";
import { SearchSuggest } from "../components/SearchSuggest";
import { StatusBadge } from "../components/StatusBadge";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/vi";
import { useNames, type Names } from "../names";
import { statusKey } from "../status";
import { usePageTitle } from "../pageTitle";
import { useApi } from "../useApi";
import { FACETS, apiParams, readState, toggle, writeState, type Facet, type SearchState } from "./searchParams";

const PAGE_SIZE = 20;

function facetLabel(facet: Facet, value: string, names: Names | null, t: (key: MessageKey) => string): string {
  if (facet === "status") return t(statusKey(value));
  if (facet === "year") return value;
  return names?.[facet][value] ?? value;
}

export function SearchPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = readState(params);
  const [draft, setDraft] = useState(state.q);
  // The box follows the address's q when the address changes (back, forward, a link): set while rendering, as
  // React advises for state that follows a value, rather than in an effect (one render late, then a second one).
  const [shownQ, setShownQ] = useState(state.q);
  if (shownQ !== state.q) {
    setShownQ(state.q);
    setDraft(state.q);
  }
  const { data, error, loading } = useApi<SearchAnswer>(`/search/${query(apiParams(state, PAGE_SIZE))}`, { keepPrevious: true });
  const names = useNames(data !== null);

  const go = (next: SearchState) => setParams(writeState(next));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ ...state, q: draft.trim(), page: 1 });
  };
  const pages = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;
  const chosen = FACETS.reduce((sum, facet) => sum + state.filters[facet].length, 0) + (state.on ? 1 : 0);
  const anyFilter = chosen > 0;
  // On a phone the filters come first, folded behind one button (styles.css shows them always on a wide screen).
  const [filtersOpen, setFiltersOpen] = useState(false);
  usePageTitle(state.q ? t("search.titleFor", { q: state.q }) : t("search.title"));

  return (
    <div className="search-page">
      <h1 className="visually-hidden">{t("search.title")}</h1>
      <form role="search" className="search-box" onSubmit={submit}>
        <label htmlFor="q">{t("search.label")}</label>
        <div className="search-row">
          <SearchSuggest id="q" value={draft} onChange={setDraft} placeholder={t("search.placeholder")} />
          <button type="submit">{t("search.submit")}</button>
        </div>
      </form>
      <a className="skip-results" href="#results">
        {t("search.skipToResults")}
      </a>
      <div className="search-body">
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
            const counts = data?.facets[facet] ?? {};
            const values = Object.keys(counts);
            for (const chosen of state.filters[facet]) if (!values.includes(chosen)) values.push(chosen);
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
        <section id="results" tabIndex={-1} className="results" aria-live="polite" aria-busy={loading} aria-label={t("search.results")}>
          {error && <ErrorMessage error={error} />}
          {loading && !data && <p>{t("search.loading")}</p>}
          {data && (
            <>
              <p className="result-count">{t("search.count", { count: data.count.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB") })}</p>
              {data.results.length === 0 && <p>{t("search.none")}</p>}
              <ol className="hits">
                {data.results.map((hit) => (
                  <Hit key={hit.id} hit={hit} />
                ))}
              </ol>
              {pages > 1 && (
                <nav className="pager" aria-label={t("search.page", { page: state.page, pages })}>
                  <button type="button" disabled={state.page <= 1} onClick={() => go({ ...state, page: state.page - 1 })}>
                    {t("search.prev")}
                  </button>
                  <span>{t("search.page", { page: state.page, pages })}</span>
                  <button
                    type="button"
                    disabled={state.page >= pages}
                    onClick={() => go({ ...state, page: state.page + 1 })}
                  >
                    {t("search.next")}
                  </button>
                </nav>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function Hit({ hit }: { hit: SearchAnswer["results"][number] }) {
  const { t, date } = useI18n();
  const title = hit.highlights.title[0] ?? hit.title;
  return (
    <li className="hit">
      <div className="hit-head">
        <Link to={`/van-ban/${hit.id}`} className="hit-number">
          {hit.number}
        </Link>
        <StatusBadge status={hit.status} />
      </div>
      <p className="hit-title">
        <Highlight html={title} />
      </p>
      <p className="hit-meta">
        {hit.type.name} · {hit.issuer.name} · {t("doc.issuedOn")} {date(hit.issued_on)}
      </p>
      {hit.highlights.text.map((snippet, index) => (
        <p key={index} className="snippet">
          <Highlight html={snippet} />
        </p>
      ))}
      {hit.article && (
        <p className="hit-article">
          {t("search.article")}: <Link to={`/van-ban/${hit.id}#${hit.article.anchor}`}>{hit.article.label}</Link>
        </p>
      )}
    </li>
  );
}
