import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "../components/DocumentFilters";
import { scopeParams } from "../pages/workspace/PlansPage";

describe("a review plan's scope", () => {
  it("sends only the filters chosen, as the document list's parameters", () => {
    expect(scopeParams(NO_FILTERS)).toEqual({});
    expect(
      scopeParams({ ...NO_FILTERS, issuer: "UBND-AG", with_predecessors: "true", type: "quyet-dinh", year: " 2008 " }),
    ).toEqual({
      issuer: "UBND-AG",
      with_predecessors: true,
      type: "quyet-dinh",
      year: 2008,
    });
    expect(scopeParams({ ...NO_FILTERS, q: " 12/2020/QĐ-UBND ", published: "false", status: "in_force", field: "tai-chinh" })).toEqual({
      q: "12/2020/QĐ-UBND",
      published: false,
      status: "in_force",
      field: "tai-chinh",
    });
  });

  it("drops 'with predecessors' without an issuer, and leaves a bad year for the API to refuse", () => {
    expect(scopeParams({ ...NO_FILTERS, with_predecessors: "true", year: "20x8" })).toEqual({ year: "20x8" });
  });
});
