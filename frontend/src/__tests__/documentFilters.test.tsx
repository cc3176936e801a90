import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../auth";
import { I18nProvider } from "../i18n";
import { DocumentsHub } from "../pages/documents/DocumentsHub";
import { PlansPage } from "../pages/workspace/PlansPage";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const officer = { username: "canbo", name: "Cán bộ", role: "legal_officer", is_staff: true, can: ["workspace", "documents.write", "reviews.plan"], organisations: [], province_wide: true };
const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
const NAMES: Record<string, { code: string; name: string }[]> = {
  "/document-types/": [{ code: "quyet-dinh", name: "Quyết định" }],
  "/authorities/": [
    { code: "UBND-AG", name: "UBND tỉnh An Giang" },
    { code: "UBND-AG-OLD", name: "UBND tỉnh An Giang (cũ)" },
  ],
  "/fields/": [{ code: "tai-chinh", name: "Tài chính" }],
};
const INVALID = { code: "invalid", message: "Dữ liệu gửi lên không hợp lệ.", errors: { year: ["Nhập một số."] } };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The API as the two pages need it; a year that is not a number is refused (400, errors.year) as Django does. */
function stubApi() {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      asked.push(`${init.method ?? "GET"} ${url} ${init.body ?? ""}`);
      const path = url.replace("/api/v1", "").split("?")[0];
      const badYear = /year=\d*[^\d&]|"year":"/.test(`${url} ${init.body ?? ""}`);
      if (path === "/auth/session/") return json(200, { user: officer });
      if (path in NAMES) return json(200, page(NAMES[path]));
      if (path === "/reviews/assignees/") return json(200, []);
      if (path === "/review-plans/preview/") return badYear ? json(400, INVALID) : json(200, { documents: 3 });
      if (path === "/documents/") return badYear ? json(400, INVALID) : json(200, page([]));
      return json(200, page([]));
    }),
  );
  return asked;
}

function renderAt(path: string) {
  return render(
    <I18nProvider initial="vi">
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/can-bo/van-ban" element={<DocumentsHub />} />
            <Route path="/can-bo/ke-hoach" element={<PlansPage />} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </I18nProvider>,
  );
}

/** Each control of a filter block: its label, its kind and what it offers. */
function controls(block: HTMLElement): string[] {
  return Array.from(block.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")).map((control) => {
    const label = block.querySelector(`label[for="${control.id}"]`)?.textContent?.trim() ?? "(no label)";
    const kind = control instanceof HTMLSelectElement ? "select" : control.type;
    const offers = control instanceof HTMLSelectElement ? Array.from(control.options, (o) => `${o.value}=${o.text}`).join("|") : "";
    return `${label} [${kind}] ${offers}`;
  });
}

async function listFilters(): Promise<HTMLElement> {
  const form = await screen.findByRole("form", { name: "Lọc văn bản" });
  await within(form).findByRole("option", { name: "Tài chính" }); // the names have come
  return form;
}

async function planScope(): Promise<HTMLElement> {
  const scope = await screen.findByRole("group", { name: "Phạm vi: các văn bản cần rà soát" });
  await within(scope).findByRole("option", { name: "Tài chính" });
  return scope;
}

describe("the document filters", () => {
  it("the document list and a review plan's scope offer the same filters, labelled and filled alike", async () => {
    stubApi();
    renderAt("/can-bo/van-ban");
    const list = controls(await listFilters());
    cleanup();
    renderAt("/can-bo/ke-hoach");
    const plan = controls(await planScope());
    expect(plan).toEqual(list);
    // Every filter of the list, the field (lĩnh vực) included, and the plan's "with predecessors".
    expect(list.map((line) => line.split(" [")[0])).toEqual([
      "Số ký hiệu hoặc trích yếu",
      "Ban hành",
      "Tình trạng hiệu lực",
      "Loại văn bản",
      "Cơ quan ban hành",
      "Gồm cả văn bản của cơ quan tiền nhiệm",
      "Lĩnh vực",
      "Năm ban hành",
    ]);
  });

  it("the list keeps every filter in its address, field and predecessors included", async () => {
    const asked = stubApi();
    renderAt("/can-bo/van-ban?field=tai-chinh&issuer=UBND-AG&with_predecessors=true&published=false");
    const form = await listFilters();
    expect((within(form).getByLabelText("Lĩnh vực") as HTMLSelectElement).value).toBe("tai-chinh");
    expect((within(form).getByLabelText("Gồm cả văn bản của cơ quan tiền nhiệm") as HTMLInputElement).checked).toBe(true);
    const listed = asked.filter((call) => call.startsWith("GET /api/v1/documents/"));
    expect(listed.at(-1)).toContain("published=false&issuer=UBND-AG&with_predecessors=true&field=tai-chinh");
  });

  it("the plan counts a scope with the list's filters and shows a refused value under its filter", async () => {
    const asked = stubApi();
    renderAt("/can-bo/ke-hoach");
    const scope = await planScope();
    fireEvent.change(within(scope).getByLabelText("Số ký hiệu hoặc trích yếu"), { target: { value: "QĐ-UBND" } });
    fireEvent.change(within(scope).getByLabelText("Ban hành"), { target: { value: "true" } });
    fireEvent.change(within(scope).getByLabelText("Lĩnh vực"), { target: { value: "tai-chinh" } });
    expect(await screen.findByText("Kế hoạch sẽ gồm 3 văn bản (mỗi văn bản một nhiệm vụ rà soát).")).toBeTruthy();
    const previews = asked.filter((call) => call.startsWith("POST /api/v1/review-plans/preview/"));
    expect(JSON.parse(previews.at(-1)!.split(" ").slice(2).join(" "))).toEqual({
      scope: { q: "QĐ-UBND", published: true, field: "tai-chinh" },
    });

    const year = within(scope).getByLabelText("Năm ban hành");
    fireEvent.change(year, { target: { value: "20x8" } });
    expect((await within(scope).findByRole("alert")).textContent).toBe("Nhập một số.");
    expect(year.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(year.getAttribute("aria-describedby")!)?.textContent).toBe("Nhập một số.");
  });

  it("the list shows a refused filter value under its filter", async () => {
    stubApi();
    renderAt("/can-bo/van-ban?year=20x8");
    const form = await listFilters();
    expect((await within(form).findByRole("alert")).textContent).toBe("Nhập một số.");
    expect(within(form).getByLabelText("Năm ban hành").getAttribute("aria-invalid")).toBe("true");
  });
});
