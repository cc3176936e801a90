import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { query, type SearchAnswer } from "../api";
import { ErrorMessage } from "../components/ErrorMessage";
import { Pager } from "../components/Pager";
import { SearchSuggest } from "../components/SearchSuggest";
import { useI18n } from "../i18n";
import { useNames } from "../names";
import { usePageTitle } from "../pageTitle";
import { useApi } from "../useApi";
import { FacetPanel } from "./search/FacetPanel";
import { searchFollowChoices } from "./search/followSearch";
import { RelaxedNotice } from "./search/RelaxedNotice";
import { SearchHit } from "./search/SearchHit";
import { FollowPanel } from "./watching/FollowPanel";
import { apiParams, readState, writeState, type SearchState } from "./searchParams";

const PAGE_SIZE = 20;

/** The public search: the box with suggestions, the filters, and a page of results, all kept in the address. */
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
  const follow = searchFollowChoices(state, names, t);
  const pages = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;
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
      {follow.length > 0 && (
        // Keyed by the search: a form opened for one search is not carried to the next.
        <FollowPanel key={follow.map((choice) => choice.target).join(" ")} choices={follow} toggleLabel={t("watch.followSearch")} />
      )}
      <div className="search-body">
        <FacetPanel state={state} facets={data?.facets} names={names} go={go} />
        <section id="results" tabIndex={-1} className="results" aria-live="polite" aria-busy={loading} aria-label={t("search.results")}>
          {error && <ErrorMessage error={error} />}
          {loading && !data && <p>{t("search.loading")}</p>}
          {data && (
            <>
              <p className="result-count">{t("search.count", { count: data.count.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB") })}</p>
              <RelaxedNotice answer={data} state={state} />
              {data.results.length === 0 && <p>{t("search.none")}</p>}
              <ol className="hits">
                {data.results.map((hit) => (
                  <SearchHit key={hit.id} hit={hit} />
                ))}
              </ol>
              <Pager page={state.page} pages={pages} onGo={(page) => go({ ...state, page })} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
