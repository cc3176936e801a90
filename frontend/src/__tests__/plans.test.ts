import { describe, expect, it } from "vitest";
import { scopeParams } from "../pages/workspace/PlansPage";

describe("a review plan's scope", () => {
  const empty = { issuer: "", with_predecessors: false, type: "", field: "", status: "", year: "" };

  it("sends only the filters chosen, as the document list's parameters", () => {
    expect(scopeParams(empty)).toEqual({});
    expect(scopeParams({ ...empty, issuer: "UBND-AG", with_predecessors: true, type: "quyet-dinh", year: " 2008 " })).toEqual({
      issuer: "UBND-AG",
      with_predecessors: true,
      type: "quyet-dinh",
      year: 2008,
    });
  });

  it("drops 'with predecessors' without an issuer, and leaves a bad year for the API to refuse", () => {
    expect(scopeParams({ ...empty, with_predecessors: true, year: "20x8" })).toEqual({ year: "20x8" });
  });
});
