import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider, type Lang } from "../i18n";
import { OrganisationsPage } from "../pages/workspace/organisations/OrganisationsPage";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

const base = { valid_from: null, valid_until: null, succeeded_by: null, fields: [] as string[], version: 1 };
const ORGS = [
  { ...base, id: 1, code: "ubnd", name: "Ủy ban nhân dân tỉnh", kind: "province", parent: null },
  { ...base, id: 2, code: "sxd", name: "Sở Xây dựng", kind: "department", parent: "ubnd", fields: ["xay-dung"] },
  { ...base, id: 3, code: "sgtvt", name: "Sở Giao thông vận tải", kind: "department", parent: "ubnd", valid_until: "2025-02-28", succeeded_by: "sxd" },
];
const MEMBERS = [{ id: 7, user: "ransoat-xd", organisation: "sxd", role: "reviewer", created_at: "2026-01-01T00:00:00Z" }];
const IN_USE = { code: "in_use", message: "Không thể xóa vì còn bản ghi tham chiếu đến: 1 người làm việc. Hãy xử lý các bản ghi đó trước." };
const NOT_A_USER = { code: "invalid", message: "Dữ liệu gửi lên không hợp lệ.", errors: { user: ["Không có người dùng 'ai-do'."] } };

/** A fake API: the lists, a 409 for deleting an organisation, a 400 for an unknown user; returns the calls. */
function serve() {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, url, body });
      if (url.startsWith("/api/v1/organisations/") && method === "GET") return json(200, { count: ORGS.length, results: ORGS });
      if (url.startsWith("/api/v1/memberships/") && method === "GET") return json(200, { count: MEMBERS.length, results: MEMBERS });
      if (url.startsWith("/api/v1/fields/")) return json(200, { count: 1, results: [{ code: "xay-dung", name: "Xây dựng" }] });
      if (method === "GET") return json(200, { count: 0, results: [] });
      if (url === "/api/v1/memberships/") return body.user === "ai-do" ? json(400, NOT_A_USER) : json(403, { code: "forbidden", message: "Không có quyền." });
      if (method === "DELETE") return json(409, IN_USE);
      return json(500, {});
    }),
  );
  return calls;
}

function show(lang: Lang = "vi") {
  render(
    <I18nProvider initial={lang}>
      <MemoryRouter>
        <OrganisationsPage />
      </MemoryRouter>
    </I18nProvider>,
  );
}

describe("the organisations page", () => {
  it("shows the tree with the merged department under its parent, named after its successor", async () => {
    serve();
    show();
    const ubnd = await screen.findByRole("listitem", { name: "Ủy ban nhân dân tỉnh" });
    const merged = within(ubnd).getByRole("listitem", { name: "Sở Giao thông vận tải" });
    expect(merged.className).toContain("ended");
    expect(merged.textContent).toContain("Đã sáp nhập vào Sở Xây dựng");
    expect(merged.textContent).toContain("Hoạt động đến 28/02/2025");
    const sxd = within(ubnd).getByRole("listitem", { name: "Sở Xây dựng" });
    expect(await within(sxd).findByText("Lĩnh vực quản lý: Xây dựng")).toBeTruthy();
    expect((within(sxd).getByLabelText("Vai trò của ransoat-xd") as HTMLSelectElement).value).toBe("reviewer");
  });

  it("puts a refused role back, shows an unknown user's message under the field and a 409 beside delete", async () => {
    const calls = serve();
    show();
    const sxd = await screen.findByRole("listitem", { name: "Sở Xây dựng" });
    const role = within(sxd).getByLabelText("Vai trò của ransoat-xd") as HTMLSelectElement;
    fireEvent.change(role, { target: { value: "admin" } });
    await within(sxd).findByText("Không có quyền.");
    expect(role.value).toBe("reviewer");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ user: "ransoat-xd", organisation: "sxd", role: "admin" });

    fireEvent.change(within(sxd).getByLabelText("Tên đăng nhập"), { target: { value: "ai-do" } });
    fireEvent.click(within(sxd).getByRole("button", { name: "Thêm" }));
    const message = await within(sxd).findByText("Không có người dùng 'ai-do'.");
    expect(message.closest(".form-field")?.querySelector("input")?.id).toBe("org-sxd-new-member-user");

    vi.stubGlobal("confirm", () => true);
    fireEvent.click(within(sxd).getByRole("button", { name: "Sửa Sở Xây dựng" }));
    fireEvent.click(within(sxd).getByRole("button", { name: "Xóa cơ quan" }));
    await waitFor(() => expect(within(sxd).getByTestId("org-delete-error").textContent).toContain("1 người làm việc"));
    expect(calls.some((c) => c.method === "DELETE" && c.url === "/api/v1/organisations/sxd/")).toBe(true);
  });

  it("speaks English", async () => {
    serve();
    show("en");
    expect(await screen.findByRole("heading", { name: "Organisations and their staff", level: 1 })).toBeTruthy();
    expect((await screen.findByRole("listitem", { name: "Sở Giao thông vận tải" })).textContent).toContain("Merged into Sở Xây dựng");
  });
});
