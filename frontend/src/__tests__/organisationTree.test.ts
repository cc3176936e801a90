import { describe, expect, it } from "vitest";
import { bodyOf } from "../pages/workspace/organisations/OrganisationForm";
import { buildTree, flatten, isEnded, type OrgNode, type TreeRow } from "../pages/workspace/organisations/tree";

const TODAY = "2026-12-07";

function row(code: string, kind: string, parent: string | null, extra: Partial<TreeRow> = {}): TreeRow {
  return { code, name: extra.name ?? code, kind, parent, ...extra };
}

/** The tree as "code(children…)", readable in a failure. */
function shape(nodes: OrgNode<TreeRow>[]): string {
  return nodes.map((node) => (node.children.length ? `${node.org.code}(${shape(node.children)})` : node.org.code)).join(" ");
}

// An Giang in small: the UBND with the Sở Tư pháp, departments (one merged into another in 2025) and a commune.
const PROVINCE: TreeRow[] = [
  row("p-rach-gia", "commune", "ubnd", { name: "Phường Rạch Giá" }),
  row("sgtvt", "department", "ubnd", { name: "Sở Giao thông vận tải", valid_until: "2025-02-28", succeeded_by: "sxd" }),
  row("sxd", "department", "ubnd", { name: "Sở Xây dựng" }),
  row("stc", "department", "ubnd", { name: "Sở Tài chính" }),
  row("stp", "justice", "ubnd", { name: "Sở Tư pháp" }),
  row("hdnd", "province", null, { name: "Hội đồng nhân dân tỉnh" }),
  row("ubnd", "province", null, { name: "Ủy ban nhân dân tỉnh" }),
];

describe("the organisations' tree", () => {
  it("puts each under its parent: the Sở Tư pháp, departments, communes, then the merged ones", () => {
    expect(shape(buildTree(PROVINCE, TODAY))).toBe("hdnd ubnd(stp stc sxd p-rach-gia sgtvt)");
  });

  it("keeps a merged department under its parent, where the reader finds it with its successor", () => {
    const ubnd = buildTree(PROVINCE, TODAY).find((node) => node.org.code === "ubnd");
    const merged = ubnd?.children.find((node) => node.org.code === "sgtvt");
    expect(merged?.org.succeeded_by).toBe("sxd");
    expect(isEnded(merged!.org, TODAY)).toBe(true);
    expect(isEnded(row("x", "department", null, { valid_until: "2027-01-01" }), TODAY)).toBe(false);
    expect(isEnded(row("x", "department", null, { valid_until: "2026-12-06" }), TODAY)).toBe(true);
  });

  it("makes a row whose parent is not in the list a root", () => {
    expect(shape(buildTree([row("a", "department", "gone"), row("b", "commune", "a")], TODAY))).toBe("a(b)");
  });

  it("shows every row of a cycle once and ends (a loop cannot run forever)", () => {
    const rows = [row("a", "department", "c"), row("b", "department", "a"), row("c", "department", "b"), row("d", "commune", "b")];
    const tree = buildTree(rows, TODAY);
    expect(shape(tree)).toBe("a(b(c d))");
    expect(flatten(tree).map((item) => item.org.code).sort()).toEqual(["a", "b", "c", "d"]);
    // One that names itself as its parent is a root.
    expect(shape(buildTree([row("self", "department", "self")], TODAY))).toBe("self");
  });

  it("shows each row exactly once, at its depth, whatever the input order", () => {
    const flat = flatten(buildTree([...PROVINCE].reverse(), TODAY));
    expect(flat.map((item) => item.org.code).sort()).toEqual(PROVINCE.map((item) => item.code).sort());
    expect(flat.find((item) => item.org.code === "stc")?.depth).toBe(1);
    expect(flat.find((item) => item.org.code === "ubnd")?.depth).toBe(0);
  });
});

describe("the organisation form's body", () => {
  it("sends a cleared choice or date as null, so the API clears it", () => {
    expect(
      bodyOf({ code: " p-my-thoi ", name: "Phường Mỹ Thới ", kind: "commune", parent: "", valid_from: "2025-07-01", valid_until: "", succeeded_by: "", fields: [] }),
    ).toEqual({ code: "p-my-thoi", name: "Phường Mỹ Thới", kind: "commune", parent: null, valid_from: "2025-07-01", valid_until: null, succeeded_by: null, fields: [] });
  });
});
