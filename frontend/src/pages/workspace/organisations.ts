import type { Page, Schema } from "../../api";
import { useApi } from "../../useApi";

/** An organisation (GET /organisations/): the province, the Sở Tư pháp, a department, a commune. */
export type Organisation = Schema<"Organisation">;

/** The organisations still at work today (a department merged in 2025 names its successor and is left out). */
export function useActiveOrganisations(): Organisation[] | null {
  const { data } = useApi<Page<Organisation>>("/organisations/?page_size=500&ordering=name");
  if (!data) return null;
  const today = new Date().toISOString().slice(0, 10);
  return data.results.filter((org) => !org.succeeded_by && (!org.valid_until || org.valid_until >= today));
}
