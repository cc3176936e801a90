import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n";
import { ifMatch } from "../api";
import { DocumentEditor } from "../pages/documents/DocumentEditor";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
const detail = {
  id: 5,
  number: "19/2022/QĐ-UBND",
  type: { code: "quyet-dinh", name: "Quyết định" },
  issuer: { code: "UBND-AG", name: "UBND tỉnh An Giang" },
  signer: "",
  title: "Quy định về phí",
  issued_on: "2022-12-07",
  effective_from: "2022-12-17",
  effective_until: null,
  fields: [],
  normative: true,
  published: true,
  status: "in_force",
  status_label: "Còn hiệu lực",
  text: "",
  structure: [],
  source_file: null,
  source_file_url: null,
  version: 3,
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("the document editor", () => {
  it("names the version it read in If-Match", () => {
    expect(ifMatch(3)).toEqual({ "If-Match": '"3"' });
    expect(ifMatch(null)).toEqual({});
  });

  it("sends If-Match and, when someone else saved first, says so and offers to reload", async () => {
    const sent: { method: string; ifMatch: string | null }[] = [];
    const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      sent.push({ method, ifMatch: new Headers(init.headers).get("If-Match") });
      if (method === "PUT") {
        return json(412, {
          code: "edit_conflict",
          message: "Bản ghi đã được người khác sửa; hãy tải lại rồi sửa tiếp.",
          current_version: 4,
        });
      }
      if (url.includes("/documents/5/")) return json(200, detail);
      return json(200, page([]));
    });
    vi.stubGlobal("fetch", fetch);
    render(
      <I18nProvider initial="vi">
        <MemoryRouter initialEntries={["/can-bo/van-ban/5/sua"]}>
          <Routes>
            <Route path="/can-bo/van-ban/:id/sua" element={<DocumentEditor />} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Lưu văn bản" }));
    expect(await screen.findByText(/vừa được người khác sửa/)).toBeTruthy();
    expect(sent.find((call) => call.method === "PUT")?.ifMatch).toBe('"3"');
    fireEvent.click(screen.getByRole("button", { name: "Tải lại văn bản" }));
    await vi.waitFor(() => expect(sent.filter((call) => call.method === "GET" && call.ifMatch === null).length).toBeGreaterThan(4));
  });

  it("offers the active organisations by kind, keeps a merged one the document has, and sends the chosen code", async () => {
    const organisations = [
      { code: "stc", name: "Sở Tài chính", kind: "department", succeeded_by: null, valid_until: null },
      { code: "stp", name: "Sở Tư pháp", kind: "justice", succeeded_by: null, valid_until: null },
      { code: "sgtvt", name: "Sở Giao thông vận tải", kind: "department", succeeded_by: "sxd", valid_until: "2025-02-28" },
      { code: "skhdt", name: "Sở Kế hoạch và Đầu tư", kind: "department", succeeded_by: "stc", valid_until: "2025-02-28" },
    ];
    const bodies: Record<string, unknown>[] = [];
    const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
      if (init.method === "PUT") {
        bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
        return json(200, { ...detail, version: 4 });
      }
      if (url.includes("/organisations/")) return json(200, page(organisations));
      if (url.includes("/documents/5/"))
        return json(200, { ...detail, responsible: { code: "sgtvt", name: "Sở Giao thông vận tải" } });
      return json(200, page([]));
    });
    vi.stubGlobal("fetch", fetch);
    render(
      <I18nProvider initial="vi">
        <MemoryRouter initialEntries={["/can-bo/van-ban/5/sua"]}>
          <Routes>
            <Route path="/can-bo/van-ban/:id/sua" element={<DocumentEditor />} />
            <Route path="/van-ban/:id" element={<p>saved</p>} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>,
    );
    const select = (await screen.findByLabelText("Cơ quan chủ trì soạn thảo")) as HTMLSelectElement;
    await vi.waitFor(() => expect(within(select).getAllByRole("group").length).toBe(3));
    const groups = within(select).getAllByRole("group").map((group) => group.getAttribute("label"));
    expect(groups).toEqual(["Sở, ban, ngành", "Sở Tư pháp", "Đã sáp nhập, giải thể"]);
    // The merged Sở Kế hoạch và Đầu tư is not offered; the document's own merged Sở Giao thông vận tải is.
    expect(within(select).queryByRole("option", { name: "Sở Kế hoạch và Đầu tư" })).toBeNull();
    expect(select.value).toBe("sgtvt");
    fireEvent.change(select, { target: { value: "stc" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu văn bản" }));
    expect(await screen.findByText("saved")).toBeTruthy();
    expect(bodies[0].responsible).toBe("stc");
  });
});
