import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider, type Lang } from "../i18n";
import { formsOf, SynonymsPage } from "../pages/workspace/synonyms/SynonymsPage";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const mine = {
  id: 3,
  forms: ["CSGT", "cảnh sát giao thông"],
  note: "Công an tỉnh",
  active: true,
  created_by: "Quản trị",
  created_at: "2026-12-07T03:00:00Z",
  updated_at: "2026-12-07T03:00:00Z",
};
const shipped = [{ forms: ["UBND", "ủy ban nhân dân"] }, { forms: ["ATTP", "an toàn thực phẩm"] }];
const refusal = {
  code: "invalid",
  message: "Dữ liệu gửi lên không hợp lệ.",
  errors: { forms: ["Cần ít nhất hai cách viết khác nhau / At least two different forms are needed."] },
};

/** A fake API holding the admin's groups; returns the calls it received. */
function serve(custom: (typeof mine)[]) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      if (method === "GET") return json(200, { shipped, custom });
      if (method === "POST") {
        if (body.forms.length < 2) return json(400, refusal);
        custom = [{ ...mine, id: 9, forms: body.forms, note: body.note }, ...custom];
        return json(201, custom[0]);
      }
      const id = Number(url.match(/synonyms\/(\d+)\//)?.[1]);
      if (method === "PATCH") custom = custom.map((item) => (item.id === id ? { ...item, ...body } : item));
      if (method === "DELETE") custom = custom.filter((item) => item.id !== id);
      return json(method === "DELETE" ? 204 : 200, custom.find((item) => item.id === id) ?? {});
    }),
  );
  return calls;
}

function show(lang: Lang = "vi") {
  render(
    <I18nProvider initial={lang}>
      <MemoryRouter>
        <SynonymsPage />
      </MemoryRouter>
    </I18nProvider>,
  );
}

describe("the search synonyms page", () => {
  it("reads one form a line", () => {
    expect(formsOf(" CSGT \n\ncảnh sát, giao thông\n")).toEqual(["CSGT", "cảnh sát, giao thông"]);
  });

  it("lists the shipped groups read-only and the admin's groups with their state, date dd/mm/yyyy", async () => {
    serve([mine]);
    show();
    const shippedList = await screen.findByRole("heading", { name: "Danh sách có sẵn (2 nhóm)" });
    const shippedSection = shippedList.closest("section") as HTMLElement;
    expect(within(shippedSection).getByLabelText("Nhóm: ATTP, an toàn thực phẩm")).toBeTruthy();
    expect(within(shippedSection).queryByRole("button")).toBeNull();
    const customSection = screen.getByRole("heading", { name: "Nhóm do quản trị viên thêm" }).closest("section") as HTMLElement;
    expect(customSection.textContent).toContain("Đang dùng");
    expect(customSection.textContent).toContain("Thêm bởi Quản trị, ngày 07/12/2026");
    expect(within(customSection).getByRole("button", { name: "Tắt" })).toBeTruthy();
  });

  it("adds a group, shows a refusal under the field, turns a group off and deletes it", async () => {
    const calls = serve([mine]);
    show();
    const forms = await screen.findByLabelText("Các cách viết tương đương");
    fireEvent.change(forms, { target: { value: "VSTP" } });
    fireEvent.click(screen.getByRole("button", { name: "Thêm nhóm" }));
    expect((await screen.findAllByRole("alert")).some((a) => a.textContent?.includes("Cần ít nhất hai cách viết"))).toBe(true);

    fireEvent.change(forms, { target: { value: "VSTP\nvệ sinh thực phẩm" } });
    fireEvent.change(screen.getByLabelText("Ghi chú"), { target: { value: "Y tế" } });
    fireEvent.click(screen.getByRole("button", { name: "Thêm nhóm" }));
    await screen.findByLabelText("Nhóm: VSTP, vệ sinh thực phẩm");
    expect(calls.filter((c) => c.method === "POST").at(-1)?.body).toEqual({ forms: ["VSTP", "vệ sinh thực phẩm"], note: "Y tế" });
    expect((forms as HTMLTextAreaElement).value).toBe("");

    const csgt = screen.getByLabelText("Nhóm: CSGT, cảnh sát giao thông").closest("li") as HTMLElement;
    fireEvent.click(within(csgt).getByRole("button", { name: "Tắt" }));
    await waitFor(() => expect(csgt.textContent).toContain("Đã tắt"));
    expect(calls.find((c) => c.method === "PATCH")).toMatchObject({ url: "/api/v1/search/synonyms/3/", body: { active: false } });

    vi.stubGlobal("confirm", () => true);
    fireEvent.click(within(csgt).getByRole("button", { name: "Xóa" }));
    await waitFor(() => expect(screen.queryByLabelText("Nhóm: CSGT, cảnh sát giao thông")).toBeNull());
    expect(calls.some((c) => c.method === "DELETE" && c.url === "/api/v1/search/synonyms/3/")).toBe(true);
  });

  it("speaks English", async () => {
    serve([]);
    show("en");
    expect(await screen.findByRole("heading", { name: "Search synonyms and abbreviations" })).toBeTruthy();
    expect(await screen.findByText("No group added yet.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Shipped list (2 groups)" })).toBeTruthy();
  });
});
