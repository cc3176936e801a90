import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectAccessibleAtBothWidths, signIn } from "./helpers";

// Issue #12, section 2 and the import page: signing in holds across the tabs of one browser until sign-out; a
// reviewer is offered only what their role can use; officers find and edit what they catalogued in a filtered
// list; a failed import looks failed and names columns by their labels; the import template can be downloaded.


test("signing in holds across tabs until sign-out, which signs every tab out", async ({ page, context }) => {
  await page.goto("/can-bo/ra-soat");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Nhiệm vụ rà soát" })).toBeVisible();
  // The session cookie is out of reach of scripts, and not sent with cross-site posts.
  const session = (await context.cookies()).find((cookie) => cookie.name === "sessionid");
  expect([session?.httpOnly, session?.sameSite]).toEqual([true, "Lax"]);
  expect(await page.evaluate(() => document.cookie)).not.toContain("sessionid");
  expect(await page.evaluate(() => Object.keys(sessionStorage).length + Object.keys(localStorage).filter((k) => /token/i.test(k)).length)).toBe(0);

  // A task opened in a new tab of the same browser: no password asked.
  const second = await context.newPage();
  await second.goto("/can-bo/van-ban");
  await expect(second.getByRole("heading", { name: "Quản lý văn bản", level: 1 })).toBeVisible();
  await expect(second.getByLabel("Mật khẩu")).toHaveCount(0);
  await expect(second.getByRole("button", { name: "Đăng xuất" })).toBeVisible();

  // Signing out in the first tab ends the session on the server: the second tab's next request is refused and
  // it asks for a sign-in.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  await second.getByRole("navigation", { name: "Khu vực cán bộ" }).getByRole("link", { name: "Rà soát" }).click();
  await expect(second).toHaveURL(/\/can-bo\/dang-nhap$/);
  await expect(second.getByLabel("Mật khẩu")).toBeVisible();
  await second.close();
});

test("a reviewer is not offered upload, import or create, and their addresses say 'not allowed'", async ({ page }) => {
  await page.goto("/can-bo/van-ban");
  await signIn(page, "ransoat");
  await expect(page.getByRole("heading", { name: "Quản lý văn bản", level: 1 })).toBeVisible();
  await expect(page.getByTestId("document-rows").getByRole("listitem").first()).toBeVisible();
  for (const name of ["Thêm văn bản", "Tải lên tệp .docx/.pdf", "Nhập dữ liệu hàng loạt"]) {
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  }
  // Rows lead a reviewer to the document's page, not to an edit form.
  const first = page.getByTestId("document-rows").getByRole("link").first();
  await expect(first).toHaveAttribute("href", /^\/van-ban\/\d+$/);
  await expectAccessibleAtBothWidths(page, "18a-reviewer-documents");

  for (const path of ["/can-bo/van-ban/nhap", "/can-bo/van-ban/tai-len", "/can-bo/van-ban/moi"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Không có quyền dùng chức năng này", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Tệp văn bản")).toHaveCount(0);
  }
  await expect(page.getByRole("link", { name: "Về khu vực cán bộ" })).toHaveAttribute("href", "/can-bo");
  await expectAccessibleAtBothWidths(page, "18b-not-allowed");
  // The API refuses too (the app only hides what the API would refuse).
  const me = await (await page.request.get("/api/v1/auth/me/")).json();
  expect(me.can).not.toContain("documents.import");
});

test("a legal officer finds a document in the list by filters kept in the address and opens its edit page", async ({
  page,
}) => {
  const listing = await (await page.request.get("/api/v1/documents/?page_size=1&ordering=-issued_on")).json();
  const wanted = listing.results[0] as { id: number; number: string; issued_on: string };
  await page.goto("/can-bo/van-ban");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Quản lý văn bản", level: 1 })).toBeVisible();
  // The tools stay above the list for a legal officer.
  for (const name of ["Thêm văn bản", "Tải lên tệp .docx/.pdf", "Nhập dữ liệu hàng loạt"]) {
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  await expect(page.getByText(/\d+ văn bản/).first()).toBeVisible();
  await expectAccessibleAtBothWidths(page, "18c-officer-documents");

  // Paged: the next page is an address of its own.
  if (await page.getByRole("button", { name: "Trang sau" }).isVisible()) {
    await page.getByRole("button", { name: "Trang sau" }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
  }

  await page.getByLabel("Số ký hiệu hoặc trích yếu").fill(wanted.number.replace("Đ", "D").toLowerCase());
  await page.getByLabel("Năm ban hành").fill(wanted.issued_on.slice(0, 4));
  await page.getByLabel("Ban hành", { exact: true }).selectOption("true");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/q=.*&published=true&year=\d{4}/);
  const rows = page.getByTestId("document-rows").getByRole("listitem");
  await expect(rows).toHaveCount(1);
  // The filters come back with the address (a reload, a shared link).
  await page.reload();
  await expect(page.getByLabel("Năm ban hành")).toHaveValue(wanted.issued_on.slice(0, 4));
  await expect(rows).toHaveCount(1);
  await page.getByRole("link", { name: `Sửa văn bản ${wanted.number}` }).click();
  await expect(page).toHaveURL(`/can-bo/van-ban/${wanted.id}/sua`);
  await expect(page.getByRole("heading", { name: "Sửa văn bản" })).toBeVisible();

  // Drafts: the list shows them to staff, marked as drafts.
  await page.goto("/can-bo/van-ban?published=false");
  await expect(page.getByLabel("Ban hành", { exact: true })).toHaveValue("false");
  const drafts = page.getByTestId("document-rows").getByRole("listitem");
  const count = await drafts.count();
  for (let index = 0; index < count; index += 1) await expect(drafts.nth(index)).toContainText("Dự thảo");
});

test("the document list and a plan's scope share their filters; a refused value shows under its filter", async ({ page }) => {
  // The list: a year the API refuses is said under "Năm ban hành"; the field (lĩnh vực) is a filter kept in the address.
  await page.goto("/can-bo/van-ban?year=0");
  await signIn(page, "canbo");
  const year = page.getByLabel("Năm ban hành");
  await expect(year).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("form", { name: "Lọc văn bản" }).getByRole("alert")).toContainText("Năm phải từ 1 đến 9999");
  await expectAccessibleAtBothWidths(page, "18e-officer-documents-bad-year");
  const field = page.getByLabel("Lĩnh vực");
  const code = await field.locator("option").nth(1).getAttribute("value");
  await field.selectOption(code!);
  await year.fill("");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]field=${code}$`));
  await expect(year).not.toHaveAttribute("aria-invalid", "true");

  // The plan: the same filters, the number and drafts included, counted as they are chosen.
  await page.goto("/can-bo/ke-hoach");
  const scope = page.getByRole("group", { name: "Phạm vi: các văn bản cần rà soát" });
  await scope.getByLabel("Số ký hiệu hoặc trích yếu").fill("24/2008/qd-ubnd");
  await scope.getByLabel("Ban hành", { exact: true }).selectOption("true");
  await expect(page.getByTestId("plan-count")).toHaveText("Kế hoạch sẽ gồm 1 văn bản (mỗi văn bản một nhiệm vụ rà soát).");
  await scope.getByLabel("Ban hành", { exact: true }).selectOption("false");
  await expect(page.getByTestId("plan-count")).toHaveText(/^Kế hoạch sẽ gồm 0 văn bản/);
  await scope.getByLabel("Năm ban hành").fill("20x8");
  await expect(scope.getByLabel("Năm ban hành")).toHaveAttribute("aria-invalid", "true");
  await expect(scope.getByRole("alert")).not.toHaveText("");
  await expectAccessibleAtBothWidths(page, "18f-plan-scope-bad-year");
});

test("the import page: failure looks like failure, columns by label, and the template downloads", async ({ page }) => {
  await page.goto("/can-bo/van-ban/nhap");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Nhập dữ liệu (.json, .csv, .xlsx)" })).toBeVisible();
  const csv = "number,type,issuer,title,issued_on\n95/2026/QĐ-UBND,Quyết định,UBND-AG,Quy định thử,\n";
  await page.getByLabel("Tệp văn bản").setInputFiles({ name: "thieu-ngay.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Nhập", exact: true }).click();
  const job = page.getByTestId("import-job");
  await expect(job).toContainText("Không nhập được");
  await expect(job.getByRole("progressbar")).toHaveCount(0);
  await expect(job).not.toContainText("100%");
  await expect(job.getByRole("alert")).toContainText("không dòng nào được lưu");
  await expect(job.getByRole("listitem").first()).toContainText("thieu-ngay.csv, dòng 2 · Ngày ban hành");
  await expect(job).not.toContainText("issued_on");
  await expect(job).not.toContainText("row");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải mẫu .xlsx (kèm hướng dẫn các cột)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("hieuluc-mau-nhap.xlsx");
  const path = await file.path();
  expect(readFileSync(path).subarray(0, 2).toString()).toBe("PK");
  await page.getByText("Hướng dẫn các cột", { exact: true }).click();
  await expect(page.getByRole("rowheader", { name: "Ngày ban hành" })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "18d-import-failed");

  // In English, the same row is named in English.
  await page.getByLabel("Ngôn ngữ").selectOption("en");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "missing-date.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(job.getByRole("listitem").first()).toContainText("missing-date.csv, row 2 · Issued on");
});
