import { filterParams, type DocumentFilterValues } from "../../../components/DocumentFilters";

/** The scope as the plan keeps it: the document list's filter parameters (only what was chosen), the flags as
 * booleans and a year of digits as a number; anything else goes as typed, for the API to refuse under its name. */
export function scopeParams(scope: DocumentFilterValues): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { ...filterParams(scope) };
  for (const flag of ["published", "with_predecessors"] as const) {
    if (out[flag] === "true" || out[flag] === "false") out[flag] = out[flag] === "true";
  }
  if (typeof out.year === "string" && /^\d+$/.test(out.year)) out.year = Number(out.year);
  return out;
}
