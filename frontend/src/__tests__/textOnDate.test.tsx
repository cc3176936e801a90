import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { TextOnDate, localDay } from "../pages/workspace/review/TextOnDate";

const note = {
  applies_on: "2025-07-20",
  source: "7",
  source_eid: "dieu-1/khoan-1",
  seq: 1,
  kind: "replace",
  target_eid: "dieu-2/khoan-1",
  instruction: "1. Sửa đổi khoản 1 Điều 2 như sau:",
  ends_on: null,
  occurrences: null,
};
const node = (over: Record<string, unknown>) => ({
  kind: "clause", number: "1", label: "", title: "", text: "", children: [], anchor: "", eid: "",
  status: "in_force", notes: [], future: [], ...over,
}); // prettier-ignore
const ANSWER = {
  document: 3,
  on: "2025-08-01",
  version: {
    valid_from: "2025-07-20",
    valid_until: null,
    status: "in_force",
    changes: [],
    future: [],
    sources: { "7": { id: 7, number: "15/2025/QĐ-UBND", type: "Quyết định", title: "Sửa đổi", issued_on: "2025-07-10", effective_from: "2025-07-20" } },
    tree: [
      node({
        kind: "article", number: "2", label: "Điều 2", title: "Phí chợ", eid: "dieu-2",
        children: [
          node({ number: "1", label: "Khoản 1 Điều 2", text: "Mức phí do Ủy ban nhân dân tỉnh quy định.", eid: "dieu-2/khoan-1", notes: [note] }),
          node({ number: "2", label: "Khoản 2 Điều 2", status: "repealed", eid: "dieu-2/khoan-2", notes: [{ ...note, kind: "repeal", seq: 2 }] }),
        ],
      }),
      node({ kind: "article", number: "9", label: "Điều 9", status: "repealed", eid: "dieu-9" }),
    ],
  },
}; // prettier-ignore

const asked: string[] = [];
beforeEach(() => {
  asked.length = 0;
  vi.stubGlobal("fetch", (url: string) => {
    asked.push(url);
    return Promise.resolve(new Response(JSON.stringify(ANSWER), { status: 200 }));
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the text in force on the review date", () => {
  it("asks for the date, marks repealed units and lists the changes with their source and date", async () => {
    render(
      <I18nProvider initial="vi">
        <TextOnDate documentId={3} on="2025-08-01" />
      </I18nProvider>,
    );
    expect(await screen.findByText("Mức phí do Ủy ban nhân dân tỉnh quy định.", { exact: false })).toBeTruthy();
    expect(asked).toEqual(["/api/v1/documents/3/text/?on=2025-08-01"]);
    expect(screen.getByText("Nội dung văn bản tại ngày 01/08/2025")).toBeTruthy();
    expect(screen.getByText("Điều 9. (được bãi bỏ)")).toBeTruthy();
    expect(screen.getByText("(được bãi bỏ)")).toBeTruthy(); // khoản 2
    const items = screen.getAllByRole("listitem").map((item) => item.textContent);
    expect(items[0]).toContain("Khoản 1 Điều 2 được sửa đổi, bổ sung theo Quyết định số 15/2025/QĐ-UBND, có hiệu lực từ ngày 20/07/2025");
    expect(items[1]).toContain("Khoản 2 Điều 2 được bãi bỏ");
    const link = screen.getByRole("link", { name: "Tải văn bản hợp nhất (.docx)" });
    expect(link.getAttribute("href")).toBe("/api/v1/documents/3/text/?on=2025-08-01&format=docx&lang=vi");
  });

  it("the review date is the local day of the moment given, today without one", () => {
    const moment = new Date(2026, 0, 5, 23, 30);
    expect(localDay(moment.toISOString())).toBe("2026-01-05");
    expect(localDay()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
