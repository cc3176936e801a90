import type { MessageKey } from "../../i18n/vi";
import type { Names } from "../../names";
import { statusKey } from "../../status";
import type { FollowChoice } from "../watching/FollowPanel";
import type { SearchState } from "../searchParams";

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * The search as a saved search the watching API can keep: the document list's parameters (backend
 * catalogue.filters, which the API runs on each new document). The list takes one type, issuer and field, so a
 * search with two of one is not offered (null), nor one without any condition; the status date is left out (a new
 * document is told when it is published).
 */
export function savedSearch(state: SearchState): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  if (state.q.trim()) params.q = state.q.trim();
  for (const facet of ["type", "issuer", "field"] as const) {
    const values = state.filters[facet];
    if (values.length > 1) return null;
    if (values.length === 1) params[facet] = values[0];
  }
  if (state.filters.status.length) params.status = [...state.filters.status];
  const years = state.filters.year.map(Number).filter((year) => Number.isInteger(year) && year > 0);
  if (years.length) {
    params.issued_from = `${Math.min(...years)}-01-01`;
    params.issued_to = `${Math.max(...years)}-12-31`;
  }
  return Object.keys(params).length ? params : null;
}

/** What a reader may follow from a search: the search itself, and its one chosen issuer or field. */
export function searchFollowChoices(state: SearchState, names: Names | null, t: Translate): FollowChoice[] {
  const choices: FollowChoice[] = [];
  const saved = savedSearch(state);
  const name = (facet: "type" | "issuer" | "field", code: string) => names?.[facet][code] ?? code;
  if (saved) {
    const parts: string[] = [];
    if (state.q.trim()) parts.push(`“${state.q.trim()}”`);
    for (const facet of ["type", "issuer", "field"] as const) {
      for (const code of state.filters[facet]) parts.push(name(facet, code));
    }
    if (state.filters.status.length) parts.push(state.filters.status.map((status) => t(statusKey(status))).join(" / "));
    if (saved.issued_from) parts.push(t("watch.searchYears", { from: String(saved.issued_from).slice(0, 4), to: String(saved.issued_to).slice(0, 4) }));
    choices.push({
      kind: "search",
      target: JSON.stringify(saved),
      label: t("watch.search", { what: parts.join("; ") }),
      hint: state.q.trim() ? t("watch.searchHint") : undefined,
    });
  }
  if (state.filters.issuer.length === 1) {
    const code = state.filters.issuer[0];
    choices.push({ kind: "issuer", target: code, label: t("watch.issuer", { name: name("issuer", code) }) });
  }
  if (state.filters.field.length === 1) {
    const code = state.filters.field[0];
    choices.push({ kind: "field", target: code, label: t("watch.field", { name: name("field", code) }) });
  }
  return choices;
}
