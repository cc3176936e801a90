import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import type { DocumentBrief, Relation, StructureNode } from "../api";
import { FullText } from "../pages/DocumentPage";
import { Highlight } from "../components/Highlight";
import { GROUPS, RelationsGraph, SHOWN, groupRelations, splitRelations } from "../components/RelationsGraph";
import { StatusBadge } from "../components/StatusBadge";
import { I18nProvider } from "../i18n";

afterEach(cleanup);

const brief = (id: number, number: string, status: DocumentBrief["status"] = "in_force"): DocumentBrief => ({
  id,
  number,
  issuer: "HDND-AG",
  title: `Văn bản ${number}`,
  issued_on: "2020-01-01",
  status,
});

// What every relation in an answer also has, and these tests do not look at.
const rest = { ends_on: null, note: "", derived: false, version: 1, created_at: "2021-01-01T00:00:00Z" };

const relations: Relation[] = [
  { id: 1, source: brief(10, "08/2021/NQ-HĐND"), target: brief(1, "80/2015/QH13"), kind: "basis", effective_on: "2021-11-24", provisions: [], ...rest },
  { id: 2, source: brief(20, "03/2025/NQ-HĐND"), target: brief(10, "08/2021/NQ-HĐND"), kind: "replaces", effective_on: "2025-08-08", provisions: [], ...rest },
  { id: 3, source: brief(10, "08/2021/NQ-HĐND"), target: brief(5, "01/2019/NQ-HĐND"), kind: "repeals", effective_on: "2021-11-24", provisions: ["Điều 3"], ...rest },
];

describe("components", () => {
  it("the status badge speaks Vietnamese by default and English on request", () => {
    render(
      <I18nProvider initial="vi">
        <StatusBadge status="partially_expired" />
      </I18nProvider>,
    );
    expect(screen.getByText("Hết hiệu lực một phần")).toBeTruthy();
    cleanup();
    render(
      <I18nProvider initial="en">
        <StatusBadge status="suspended" />
      </I18nProvider>,
    );
    expect(screen.getByText("Suspended")).toBeTruthy();
  });

  it("highlights render <mark> and never other markup", () => {
    const { container } = render(<Highlight html={'a <mark>ngân</mark> <img src=x onerror="boom"> b'} />);
    expect(container.querySelectorAll("mark")).toHaveLength(1);
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toBe('a ngân <img src=x onerror="boom"> b');
  });

  it("relations split into bases, what acts on the document and what it acts on", () => {
    const { bases, actedOnBy, actsOn } = splitRelations(10, relations);
    expect(bases.map((edge) => [edge.other.number, edge.label])).toEqual([["80/2015/QH13", "direction.out.basis"]]);
    expect(actedOnBy.map((edge) => [edge.other.number, edge.label])).toEqual([["03/2025/NQ-HĐND", "direction.in.replaces"]]);
    expect(actsOn.map((edge) => [edge.other.number, edge.label])).toEqual([["01/2019/NQ-HĐND", "direction.out.repeals"]]);
  });

  it("the diagram groups relations by kind, both directions named, each link named by its visible text", () => {
    render(
      <I18nProvider initial="vi">
        <MemoryRouter>
          <RelationsGraph document={brief(10, "08/2021/NQ-HĐND")} relations={relations} />
        </MemoryRouter>
      </I18nProvider>,
    );
    const graph = screen.getByRole("group", { name: "Lược đồ quan hệ của văn bản 08/2021/NQ-HĐND" });
    const groups = within(graph).getAllByRole("region");
    expect(groups.map((group) => group.querySelector("h3")!.textContent)).toEqual([
      "Văn bản căn cứ (1)",
      "Văn bản thay thế (1)",
      "Văn bản bị bãi bỏ (1)",
    ]);
    const replacing = within(graph).getByRole("region", { name: "Văn bản thay thế (1)" });
    const link = within(replacing).getByRole("link", { name: "03/2025/NQ-HĐND" });
    expect(link.getAttribute("href")).toBe("/van-ban/20");
    // No aria-label that would hide the visible text (axe: label-content-name-mismatch).
    for (const each of within(graph).getAllByRole("link")) expect(each.getAttribute("aria-label")).toBeNull();
    // Status in words, not only by colour.
    expect(within(replacing).getByText("Còn hiệu lực")).toBeTruthy();
    expect(within(graph).getByRole("region", { name: "Văn bản bị bãi bỏ (1)" }).textContent).toContain("Điều 3");
  });

  it("a long group shows its first documents and a button for the rest", () => {
    const many: Relation[] = Array.from({ length: 8 }, (_, index) => ({
      id: 100 + index,
      source: brief(10, "08/2021/NQ-HĐND"),
      target: brief(200 + index, `${index + 1}/2020/NQ-HĐND`),
      kind: "basis",
      effective_on: "2021-11-24",
      provisions: [],
      ...rest,
    }));
    render(
      <I18nProvider initial="vi">
        <MemoryRouter>
          <RelationsGraph document={brief(10, "08/2021/NQ-HĐND")} relations={many} />
        </MemoryRouter>
      </I18nProvider>,
    );
    const group = screen.getByRole("region", { name: "Văn bản căn cứ (8)" });
    expect(within(group).getAllByRole("link")).toHaveLength(SHOWN);
    const more = within(group).getByRole("button", { name: `Xem thêm ${8 - SHOWN} văn bản` });
    expect(more.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(more);
    expect(within(group).getAllByRole("link")).toHaveLength(8);
    expect(within(group).getByRole("button", { name: "Thu gọn" }).getAttribute("aria-expanded")).toBe("true");
  });

  it("both directions of every kind have their own group name", () => {
    const named = new Set(GROUPS.map((group) => group.key));
    expect(named.size).toBe(GROUPS.length);
    for (const kind of ["basis", "details", "amends", "supplements", "replaces", "repeals", "suspends", "corrects"]) {
      expect(GROUPS.filter((group) => group.kinds.includes(kind)).map((group) => group.outgoing).sort()).toEqual([false, true]);
    }
    const out = groupRelations(5, [{ ...relations[2], kind: "supplements" }]);
    expect(out.map((group) => group.key)).toEqual(["graph.amends.in"]);
  });
});

describe("full text", () => {
  it("clause and point numbers sit on the line of their text", () => {
    const node = (
      kind: StructureNode["kind"],
      number: string,
      text: string,
      children: StructureNode[] = [],
    ): StructureNode => ({
      kind,
      number,
      label: `${kind} ${number}`,
      title: "",
      text,
      anchor: `${kind}-${number}`,
      eid: `${kind}-${number}`,
      children,
    });
    const tree = [
      {
        ...node("article", "1", ""),
        label: "Điều 1",
        title: "Phạm vi",
        children: [
          node("clause", "1", "Quy định này áp dụng cho các chợ.\nDòng hai của khoản."),
          node("clause", "2", "Các trường hợp sau:", [node("point", "a", "chợ đầu mối;"), node("point", "đ", "chợ dân sinh.")]),
        ],
      },
    ];
    const { container } = render(
      <I18nProvider initial="vi">
        <FullText tree={tree} />
      </I18nProvider>,
    );
    const paragraphs = [...container.querySelectorAll(".text p")].map((p) => p.textContent);
    expect(paragraphs).toEqual([
      "1. Quy định này áp dụng cho các chợ.",
      "Dòng hai của khoản.",
      "2. Các trường hợp sau:",
      "a) chợ đầu mối;",
      "đ) chợ dân sinh.",
    ]);
  });

  it("an attached regulation, the signature and the annexes have their own headings and outline entries", () => {
    const node = (kind: StructureNode["kind"], anchor: string, label: string, title: string, text: string) => ({
      kind,
      number: "",
      label,
      title,
      text,
      anchor,
      eid: anchor,
      children: [] as StructureNode[],
    });
    const article = { ...node("article", "dieu-5-quy-dinh", "Điều 5", "Trách nhiệm", "Sở hướng dẫn."), number: "5" };
    const tree: StructureNode[] = [
      node("article", "dieu-1", "Điều 1", "", "Ban hành kèm theo Quyết định này Quy định."),
      node("closing", "ket-thuc", "", "", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
      { ...node("regulation", "quy-dinh", "Quy định", "Quản lý chợ", "(Ban hành kèm theo Quyết định số 7/2024/QĐ-UBND)"), children: [article] },
      node("annex", "phu-luc-i", "Phụ lục I", "Danh mục", "Bảng"),
      node("form", "mau-so-01", "Mẫu số 01", "", "ĐƠN"),
    ];
    const { container } = render(
      <I18nProvider initial="vi">
        <FullText tree={tree} />
      </I18nProvider>,
    );
    const outline = [...container.querySelectorAll(".outline a")].map((a) => [a.getAttribute("href"), a.textContent]);
    expect(outline).toEqual([
      ["#dieu-1", "Điều 1"],
      ["#quy-dinh", "Quy định: Quản lý chợ"],
      ["#dieu-5-quy-dinh", "Điều 5. Trách nhiệm"],
      ["#phu-luc-i", "Phụ lục I. Danh mục"],
      ["#mau-so-01", "Mẫu số 01"],
    ]);
    expect(container.querySelector("#quy-dinh h3")?.textContent).toBe("QUY ĐỊNHQuản lý chợ");
    const closing = container.querySelector("#ket-thuc");
    expect(closing?.getAttribute("aria-label")).toBe("Phần ký và nơi nhận");
    expect(closing?.querySelector("h4")).toBeNull();
    expect(container.querySelector("#dieu-1")?.textContent).not.toContain("CHỦ TỊCH");
  });
});
