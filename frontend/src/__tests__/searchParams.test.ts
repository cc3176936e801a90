import { describe, expect, it } from "vitest";
import { apiParams, readState, toggle, writeState } from "../pages/searchParams";

describe("search state in the URL", () => {
  it("round-trips the query, filters, date and page", () => {
    const params = new URLSearchParams("q=ngan+sach&status=expired&issuer=HDND-KG&issuer=UBND-AG&on=2025-01-01&page=3");
    const state = readState(params);
    expect(state).toEqual({
      q: "ngan sach",
      on: "2025-01-01",
      page: 3,
      filters: { type: [], issuer: ["HDND-KG", "UBND-AG"], field: [], status: ["expired"], year: [] },
    });
    expect(readState(writeState(state))).toEqual(state);
  });

  it("toggling a facet goes back to the first page", () => {
    const state = readState(new URLSearchParams("q=phi&page=4"));
    const on = toggle(state, "status", "in_force");
    expect(on.filters.status).toEqual(["in_force"]);
    expect(on.page).toBe(1);
    expect(toggle(on, "status", "in_force").filters.status).toEqual([]);
  });

  it("a bad page number is page 1", () => {
    expect(readState(new URLSearchParams("page=-2")).page).toBe(1);
    expect(readState(new URLSearchParams("page=abc")).page).toBe(1);
  });

  it("years become an issue-date range and lists are comma-joined for the API", () => {
    const state = readState(new URLSearchParams("year=2021&year=2023&type=nghi-quyet&type=quyet-dinh"));
    expect(apiParams(state, 20)).toEqual({
      q: "",
      page: "1",
      page_size: "20",
      type: "nghi-quyet,quyet-dinh",
      issued_from: "2021-01-01",
      issued_to: "2023-12-31",
    });
  });
});
