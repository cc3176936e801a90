import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { query, type Page, type Schema } from "../../api";
import { can, useAuth } from "../../auth";
import { DOCUMENT_FILTERS, DocumentFilters, filterParams, readFilters, type DocumentFilterValues } from "../../components/DocumentFilters";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Pager } from "../../components/Pager";
import { StatusBadge } from "../../components/StatusBadge";
import { useI18n } from "../../i18n";
import { useApi } from "../../useApi";

type Row = Schema<"DocumentList">;

export const PAGE_SIZE = 20;

/** The documents API's query for the list's address: the filters as they are in the URL, and the page. */
export function listQuery(params: URLSearchParams): string {
  const values: Record<string, string | number | undefined> = { page_size: PAGE_SIZE, ordering: "-issued_on" };
  Object.assign(values, filterParams(readFilters(params)));
  const page = Number(params.get("page"));
  values.page = Number.isInteger(page) && page > 1 ? page : undefined;
  return `/documents/${query(values)}`;
}

/** The officers' documents: the tools they may use, then every catalogued document (drafts too), filtered
 * and paged by the address, each row leading to its edit page. */
export function DocumentsHub() {
  const { t, date } = useI18n();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const { data, error, loading } = useApi<Page<Row>>(listQuery(params));
  const writer = can(me, "documents.write");
  const [draft, setDraft] = useState<DocumentFilterValues>(() => readFilters(params));
  // The filters follow the address when it changes (back, forward, a link): set while rendering, as React advises
  // for state that follows a value, rather than in an effect (one render late, then a second one).
  const [shownParams, setShownParams] = useState(() => params.toString());
  if (shownParams !== params.toString()) {
    setShownParams(params.toString());
    setDraft(readFilters(params));
  }
  // A bad filter value (year 0) is a 400 naming the filter: its message goes under that control.
  const filterErrors = error?.status === 400 ? error.fields : {};
  const [filtersOpen, setFiltersOpen] = useState(
    () => DOCUMENT_FILTERS.some((name) => params.get(name)) || !window.matchMedia?.("(max-width: 700px)").matches,
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams(new URLSearchParams(filterParams(draft)));
  };
  const goTo = (page: number) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set("page", String(page));
    else next.delete("page");
    setParams(next);
  };
  const page = Math.max(1, Number(params.get("page")) || 1);
  const pages = data ? Math.max(1, Math.ceil(data.count / PAGE_SIZE)) : 1;
  const tools = [
    can(me, "documents.write") && { to: "/can-bo/van-ban/moi", label: t("docs.new") },
    can(me, "documents.upload") && { to: "/can-bo/van-ban/tai-len", label: t("docs.upload") },
    can(me, "documents.import") && { to: "/can-bo/van-ban/nhap", label: t("docs.import") },
  ].filter((tool): tool is { to: string; label: string } => !!tool);

  return (
    <div className="documents-list">
      <h1>{t("docs.title")}</h1>
      {tools.length > 0 && (
        <ul className="hub">
          {tools.map((tool) => (
            <li className="card" key={tool.to}>
              <Link to={tool.to}>{tool.label}</Link>
            </li>
          ))}
        </ul>
      )}
      {/* On a phone the filters fold away above the results (open when some are set), on a desk they stay open. */}
      <details className="card list-filters" open={filtersOpen} onToggle={(event) => setFiltersOpen(event.currentTarget.open)}>
        <summary>
          <h2>{t("docs.filters")}</h2>
        </summary>
        <form onSubmit={apply} aria-label={t("docs.filters")}>
          <DocumentFilters value={draft} onChange={setDraft} errors={filterErrors} />
          <div className="actions">
            <button type="submit">{t("docs.applyFilters")}</button>
            <Link to="/can-bo/van-ban">{t("docs.clearFilters")}</Link>
          </div>
        </form>
      </details>
      <section className="results" aria-live="polite" aria-busy={loading} aria-labelledby="list-results-heading">
        <h2 id="list-results-heading">{t("docs.results")}</h2>
        {error && <ErrorMessage error={error} />}
        {loading && !data && <p>{t("common.loading")}</p>}
        {data && (
          <>
            <p className="result-count">{t("search.count", { count: data.count.toLocaleString() })}</p>
            {data.results.length === 0 && <p>{t("search.none")}</p>}
            <ol className="hits" data-testid="document-rows">
              {data.results.map((row) => (
                <li className="hit" key={row.id}>
                  <div className="hit-head">
                    <Link
                      className="hit-number"
                      to={writer ? `/can-bo/van-ban/${row.id}/sua` : `/van-ban/${row.id}`}
                      aria-label={t(writer ? "docs.editRow" : "docs.viewRow", { number: row.number })}
                    >
                      {row.number}
                    </Link>
                    {row.published ? <StatusBadge status={row.status} /> : <span className="badge badge-pending">{t("docs.draft")}</span>}
                  </div>
                  <p className="hit-title">{row.title}</p>
                  <p className="hit-meta">
                    {row.type.name} · {row.issuer.name} · {t("docs.issuedOn", { date: date(row.issued_on) })}
                    {writer && (
                      <>
                        {" · "}
                        <Link to={`/van-ban/${row.id}`}>{t("docs.viewPage")}</Link>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ol>
            <Pager page={page} pages={pages} onGo={goTo} />
          </>
        )}
      </section>
    </div>
  );
}
