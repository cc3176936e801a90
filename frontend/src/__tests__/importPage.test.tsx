import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider, type Lang } from "../i18n";
import { ImportPage } from "../pages/documents/ImportPage";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

// What the API answers for a file whose rows were all refused (in-process mode: 400 with the job).
const failedJob = {
  id: 7,
  filename: "van-ban.csv",
  state: "failed",
  progress: { stage: "done", done: 1, total: 1, percent: 100 },
  report: {
    errors: [
      {
        where: "van-ban.csv dòng/row 2",
        where_vi: "van-ban.csv, dòng 2",
        where_en: "van-ban.csv, row 2",
        field: "issued_on",
        label_vi: "Ngày ban hành",
        label_en: "Issued on",
        message_vi: "Thiếu “Ngày ban hành” (cột bắt buộc).",
        message_en: "“Issued on” is missing (a required column).",
      },
    ],
  },
};

const guide = [
  { table: "documents", table_label: "Văn bản", label: "Ngày ban hành", key: "issued_on", required: true, format: "Ngày", example: "2017-05-02" },
];

async function importFailing(lang: Lang) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url.includes("/imports/template/")) return json(200, guide);
      if ((init.method ?? "GET") === "POST") return json(400, failedJob);
      return json(404, {});
    }),
  );
  const { container } = render(
    <I18nProvider initial={lang}>
      <MemoryRouter>
        <ImportPage />
      </MemoryRouter>
    </I18nProvider>,
  );
  const input = container.querySelector("#import-file") as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File(["x"], "van-ban.csv", { type: "text/csv" })] } });
  fireEvent.submit(input.closest("form") as HTMLFormElement);
  await waitFor(() => expect(screen.getByTestId("import-job")).toBeTruthy());
  return screen.getByTestId("import-job");
}

describe("the import page", () => {
  it("shows a failed import as failed: no full progress bar, a message that says nothing was saved", async () => {
    const job = await importFailing("vi");
    expect(job.querySelector("progress")).toBeNull();
    expect(job.textContent).not.toContain("100%");
    expect(job.querySelector(".import-bar-failed")).not.toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("Nhập thất bại");
  });

  it("names the row and the column in Vietnamese, never by raw key or English", async () => {
    const job = await importFailing("vi");
    const row = job.querySelector("li")?.textContent ?? "";
    expect(row).toContain("van-ban.csv, dòng 2");
    expect(row).toContain("Ngày ban hành");
    expect(row).not.toMatch(/issued_on|row|Issued/);
  });

  it("and in English in the English interface", async () => {
    const job = await importFailing("en");
    const row = job.querySelector("li")?.textContent ?? "";
    expect(row).toContain("van-ban.csv, row 2 · Issued on");
    expect(row).not.toMatch(/issued_on|dòng|Ngày/);
  });

  it("offers the template (.xlsx and .csv) and shows the column guide from the API", async () => {
    await importFailing("vi");
    const xlsx = screen.getByRole("link", { name: "Tải mẫu .xlsx (kèm hướng dẫn các cột)" });
    expect(xlsx.getAttribute("href")).toBe("/api/v1/imports/template/?format=xlsx&lang=vi");
    expect(screen.getByRole("link", { name: "Tải mẫu .csv: văn bản" }).getAttribute("href")).toContain("format=csv&table=documents");
    expect(screen.getByRole("rowheader", { name: "Ngày ban hành" })).toBeTruthy();
  });
});
