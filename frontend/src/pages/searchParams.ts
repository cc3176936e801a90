// The search page's state lives in the URL, so a result list can be shared or bookmarked.
export const FACETS = ["type", "issuer", "field", "status", "year"] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchState {
  q: string;
  on: string;
  page: number;
  filters: Record<Facet, string[]>;
}

export function readState(params: URLSearchParams): SearchState {
  const filters = Object.fromEntries(FACETS.map((facet) => [facet, params.getAll(facet)])) as Record<
    Facet,
    string[]
  >;
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return { q: params.get("q") ?? "", on: params.get("on") ?? "", page: page > 0 ? page : 1, filters };
}

export function writeState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
  if (state.on) params.set("on", state.on);
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

export function toggle(state: SearchState, facet: Facet, value: string): SearchState {
  const current = state.filters[facet];
  const next = current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
  return { ...state, page: 1, filters: { ...state.filters, [facet]: next } };
}

/** The API's parameters for a state: the year facet becomes an issue-date range. */
export function apiParams(state: SearchState, pageSize: number): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {
    q: state.q,
    page: String(state.page),
    page_size: String(pageSize),
  };
  for (const facet of ["type", "issuer", "field", "status"] as const) {
    if (state.filters[facet].length) params[facet] = state.filters[facet].join(",");
  }
  const years = state.filters.year.map(Number).filter((year) => Number.isInteger(year) && year > 0);
  if (years.length) {
    params.issued_from = `${Math.min(...years)}-01-01`;
    params.issued_to = `${Math.max(...years)}-12-31`;
  }
  if (state.on) params.on = state.on;
  return params;
}
