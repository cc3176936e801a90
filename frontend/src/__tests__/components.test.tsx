import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import type { Relation, StructureNode } from "../api";
import { FullText } from "../pages/DocumentPage";
import { Highlight } from "../components/Highlight";
import { RelationsGraph, splitRelations } from "../components/RelationsGraph";
import { StatusBadge } from "../components/StatusBadge";
import { I18nProvider } from "../i18n";

afterEach(cleanup);

const brief = (id: number, number: string, status = "in_force") => ({
  id,
  number,
  issuer: "HDND-AG",
  title: `Văn bản ${number}`,
  issued_on: "2020-01-01",
  status,
});

const relations: Relation[] = [
  { id: 1, source: brief(10, "08/2021/NQ-HĐND"), target: brief(1, "80/2015/QH13"), kind: "basis", effective_on: "2021-11-24", provisions: [] },
  { id: 2, source: brief(20, "03/2025/NQ-HĐND"), target: brief(10, "08/2021/NQ-HĐND"), kind: "replaces", effective_on: "2025-08-08", provisions: [] },
  { id: 3, source: brief(10, "08/2021/NQ-HĐND"), target: brief(5, "01/2019/NQ-HĐND"), kind: "repeals", effective_on: "2021-11-24", provisions: ["Điều 3"] },
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

  it("the diagram links every related document", () => {
    render(
      <I18nProvider initial="vi">
        <MemoryRouter>
          <RelationsGraph document={brief(10, "08/2021/NQ-HĐND")} relations={relations} />
        </MemoryRouter>
      </I18nProvider>,
    );
    expect(screen.getByRole("group", { name: "Lược đồ quan hệ của văn bản 08/2021/NQ-HĐND" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Bị thay thế bởi: 03/2025/NQ-HĐND" }).getAttribute("href")).toBe("/van-ban/20");
    expect(screen.getByRole("link", { name: "Căn cứ vào: 80/2015/QH13" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Bãi bỏ: 01/2019/NQ-HĐND" })).toBeTruthy();
  });
});

describe("full text", () => {
  it("clause and point numbers sit on the line of their text", () => {
    const node = (kind: string, number: string, text: string, children: StructureNode[] = []): StructureNode => ({
      kind,
      number,
      label: `${kind} ${number}`,
      title: "",
      text,
      anchor: `${kind}-${number}`,
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
});
