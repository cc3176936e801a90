import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expectAccessible, screenshot, signIn } from "./helpers";

// A legal officer catalogues a decision from its .docx (read, checked, confirmed), sees bad files refused
// next to the file field, gets field messages on an incomplete form, and imports a file with progress.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A decision in the real layout, made by the same generator as the Python tests. */
function decisionDocx(): Buffer {
  const code = `
import dataclasses, datetime as dt, sys
from tests.catalogue.decision_files import Decision, decision_docx
d = Decision(number="99/2026/QĐ-UBND", issued_on=dt.date(2026, 6, 10))
articles = tuple((h, tuple(c.replace("năm 2025", "năm 2026") for c in cl)) for h, cl in d.articles)
# It replaces a decision of the demo catalogue (18/2025), and repeals part of one the catalogue does not have.
articles = tuple((h, tuple(c.replace("20/2017/QĐ-UBND ngày 05 tháng 5 năm 2017", "18/2025/QĐ-UBND ngày 02 tháng 12 năm 2025") for c in cl)) for h, cl in articles)
sys.stdout.buffer.write(decision_docx(dataclasses.replace(d, articles=articles)))
`;
  return execFileSync(resolve(ROOT, ".venv/bin/python"), ["-c", code], { cwd: ROOT });
}


test("upload a .docx, check what was read, confirm, and see the document", async ({ page, browser }) => {
  await page.goto("/can-bo/van-ban/tai-len");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Tải lên văn bản (.docx hoặc .pdf)" })).toBeVisible();

  // A file that is not a document is refused, with the message next to the file field.
  await page.getByLabel("Tệp văn bản").setInputFiles({ name: "ghi-chu.txt", mimeType: "text/plain", buffer: Buffer.from("xin chào") });
  await page.getByRole("button", { name: "Đọc tệp" }).click();
  await expect(page.locator(".field-errors")).toContainText("Chỉ nhận tệp .docx hoặc .pdf.");

  await page.getByLabel("Tệp văn bản").setInputFiles({
    name: "qd-99-2026.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: decisionDocx(),
  });
  await page.getByRole("button", { name: "Đọc tệp" }).click();
  await expect(page.getByRole("heading", { name: "Thông tin đọc được — hãy kiểm tra trước khi lưu" })).toBeVisible();
  await expect(page.getByLabel("Số ký hiệu")).toHaveValue("99/2026/QĐ-UBND");
  await expect(page.getByLabel("Ngày ban hành")).toHaveValue("10/06/2026");
  await expect(page.getByLabel("Ngày có hiệu lực", { exact: true })).toHaveValue("20/06/2026");
  await expect(page.getByLabel("Trích yếu")).toHaveValue(/^Ban hành Quy định quản lý nhà nước/);
  await expect(page.getByLabel("Người ký")).toHaveValue("Nguyễn Thanh Bình");
  await expect(page.getByLabel("Cơ quan ban hành")).toHaveValue("UBND-AG");
  await expect(page.getByTestId("unmatched-bases")).toContainText("99/2099/NĐ-CP");
  // What confirming will change: the replaced decision, its status now and after (the validity engine's words)…
  const effect = page.getByTestId("relation-effect").filter({ hasText: "18/2025/QĐ-UBND" });
  await expect(effect).toContainText(/Văn bản bị tác động: 18\/2025\/QĐ-UBND của .+, ban hành ngày 02\/12\/2025\./);
  await expect(effect).toContainText(/Tình trạng hiện nay: Còn hiệu lực → sau khi xác nhận \(từ ngày \d\d\/\d\d\/\d{4}\): Hết hiệu lực toàn bộ\./);
  // …and the repealed one the catalogue does not have is said, not dropped.
  await expect(page.getByTestId("unmatched-relations")).toContainText(
    "Bãi bỏ 07/2019/QĐ-UBND: chưa có trong danh mục; quan hệ này sẽ không được ghi khi xác nhận.",
  );
  await expectAccessible(page);
  await screenshot(page, "11-upload-proposal");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await effect.scrollIntoViewIfNeeded();
  await screenshot(page, "11b-upload-proposal-phone");
  await page.setViewportSize({ width: 1366, height: 900 });

  // The demo's 18/2025 stays as it is for the other tests: that relation is left out of what is saved.
  await page.getByRole("checkbox", { name: /^Thay thế: .*18\/2025\/QĐ-UBND/ }).uncheck();
  await page.getByRole("button", { name: "Xác nhận và lưu" }).click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ban hành Quy định quản lý nhà nước");
  // "Tải tệp gốc" gives back the uploaded file, under its name, from the API (not /media/, never served).
  const documentUrl = page.url();
  const documentId = Number(documentUrl.split("/").pop());
  const fileLink = page.getByRole("link", { name: "Tải tệp gốc" });
  await expect(fileLink).toHaveAttribute("href", `/api/v1/documents/${documentId}/file/`);
  const [download] = await Promise.all([page.waitForEvent("download"), fileLink.click()]);
  expect(download.suggestedFilename()).toBe("qd-99-2026.docx");
  // A visitor gets a published document's file through the plain link…
  const visitor = await browser.newPage();
  await visitor.goto(documentUrl);
  const [direct] = await Promise.all([
    visitor.waitForEvent("download"),
    visitor.getByRole("link", { name: "Tải tệp gốc" }).click(),
  ]);
  expect(direct.suggestedFilename()).toBe("qd-99-2026.docx");
  expect(direct.url()).toMatch(new RegExp(`/api/v1/documents/${documentId}/file/$`));
  // …but not a draft's, which the officer still gets.
  const setPublished = (published: boolean) =>
    page.evaluate(
      async ([id, value]) => {
        // Signed in with the session cookie: a write carries the csrftoken cookie's value, as the app's do.
        const csrf = /(?:^|;\s*)csrftoken=([^;]*)/.exec(document.cookie)?.[1] ?? "";
        const headers = { "X-CSRFToken": decodeURIComponent(csrf), "Content-Type": "application/json" };
        const current = await fetch(`/api/v1/documents/${id}/`, { headers });
        const res = await fetch(`/api/v1/documents/${id}/`, {
          method: "PATCH",
          headers: { ...headers, "If-Match": current.headers.get("ETag") ?? "" },
          body: JSON.stringify({ published: value }),
        });
        return res.status;
      },
      [documentId, published] as const,
    );
  expect(await setPublished(false)).toBe(200);
  const hidden = await visitor.request.get(`${new URL(documentUrl).origin}/api/v1/documents/${documentId}/file/`);
  expect(hidden.status()).toBe(404);
  expect((await hidden.json()).message_vi).toMatch(/^Không tìm thấy/);
  await visitor.close();
  // The page read while it was published still has the link; the file now comes only with the sign-in.
  const [draftFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải tệp gốc" }).click()]);
  expect(draftFile.suggestedFilename()).toBe("qd-99-2026.docx");
  expect(await setPublished(true)).toBe(200);
  await expectAccessible(page);
  const outline = page.getByRole("navigation", { name: "Mục lục" });
  await expect(outline.getByRole("link", { name: /^Điều 2/ })).toBeVisible();
  await outline.getByRole("link", { name: /^Điều 2/ }).click();
  await expect(page).toHaveURL(/#dieu-2$/);
});

test("an incomplete document shows the API's messages next to its fields; a relation is added, corrected, deleted", async ({ page }) => {
  await page.goto("/can-bo/van-ban/moi");
  await signIn(page, "canbo");
  await page.getByLabel("Số ký hiệu").fill("không phải số");
  await page.getByRole("button", { name: "Lưu văn bản" }).click();
  await expect(page.locator("#doc-type ~ .field-errors, #doc-type + .field-errors")).toBeVisible();
  await expect(page.locator("#doc-title ~ .field-errors")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "12-document-form-errors");

  await page.getByLabel("Số ký hiệu").fill("98/2026/QĐ-UBND");
  await page.getByLabel("Loại văn bản").selectOption("quyet-dinh");
  await page.getByLabel("Cơ quan ban hành").selectOption("UBND-AG");
  await page.getByLabel("Trích yếu").fill("Quy định về quản lý chợ trên địa bàn tỉnh");
  await page.getByLabel("Ngày ban hành").fill("01/08/2026");
  await page.getByLabel("Ngày có hiệu lực", { exact: true }).fill("11/08/2026");
  await page.getByLabel("Toàn văn").fill("Điều 1. Phạm vi\n1. Quy định này áp dụng cho các chợ.\nĐiều 2. Hiệu lực");
  await page.getByRole("button", { name: "Lưu văn bản" }).click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);

  // The relation form reports an unknown target next to its field, then records a real one.
  await page.getByLabel("Văn bản bị tác động (số ký hiệu)").fill("1/1999/QĐ-XYZ");
  await page.getByLabel("Ngày có hiệu lực của quan hệ").fill("11/08/2026");
  await page.getByRole("button", { name: "Lưu quan hệ" }).click();
  await expect(page.locator("#rel-target ~ .field-errors")).toBeVisible();
  await page.getByLabel("Văn bản bị tác động (số ký hiệu)").fill("99/2026/QĐ-UBND");
  await page.getByLabel("Loại quan hệ").selectOption("amends");
  await page.getByLabel("Điều khoản (để trống: toàn bộ văn bản)").fill("Điều 1");
  await page.getByRole("button", { name: "Lưu quan hệ" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã thêm quan hệ.");
  // The diagram lists it under what this document amends, linked by its number.
  const amended = page.getByRole("region", { name: /^Văn bản bị sửa đổi, bổ sung \(1\)$/ });
  await expect(amended.getByRole("link", { name: "99/2026/QĐ-UBND" })).toBeVisible();

  // The relation is corrected (a bad provision is reported at its field), then deleted.
  await page.getByRole("button", { name: "Sửa quan hệ với 99/2026/QĐ-UBND" }).click();
  const provisions = page.locator(".relation-list").getByLabel("Điều khoản (để trống: toàn bộ văn bản)");
  await provisions.fill("không phải điều khoản");
  await page.locator(".relation-list").getByRole("button", { name: "Lưu quan hệ" }).click();
  await expect(page.locator(".relation-list .field-errors")).toBeVisible();
  await provisions.fill("Điều 2");
  await page.locator(".relation-list").getByRole("button", { name: "Lưu quan hệ" }).click();
  await expect(page.locator(".relation-list")).toContainText("· Điều 2");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Xóa quan hệ với 99/2026/QĐ-UBND" }).click();
  await expect(amended).toHaveCount(0);
});

test("an import shows its progress and its report", async ({ page }) => {
  await page.goto("/can-bo/van-ban/nhap");
  await signIn(page, "canbo");
  const bundle = {
    documents: [
      {
        number: "97/2026/QĐ-UBND",
        type: "Quyết định",
        issuer: "UBND-AG",
        title: "Quy định về phí tham quan",
        issued_on: "2026-09-01",
        effective_from: "2026-09-11",
      },
    ],
  };
  await page.getByLabel("Tệp văn bản").setInputFiles({ name: "nhap.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bundle)) });
  await page.getByRole("button", { name: "Nhập" }).click();
  const job = page.getByTestId("import-job");
  await expect(job).toContainText("Hoàn tất");
  await expect(job).toContainText("Thêm mới 1");
  await expect(job.getByRole("progressbar", { name: "Tiến độ nhập dữ liệu" })).toHaveAttribute("value", "100");

  const broken = { documents: [{ number: "96/2026/QĐ-UBND", type: "Quyết định", issuer: "KHONG-CO", title: "x", issued_on: "2026-09-01" }] };
  await page.getByLabel("Tệp văn bản").setInputFiles({ name: "loi.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await page.getByRole("button", { name: "Nhập" }).click();
  await expect(job).toContainText("Không nhập được");
  await expect(job).toContainText("Các dòng lỗi");
  await expectAccessible(page);
  await screenshot(page, "13-import");
});

test("two officers edit one document: the later save is refused with a message, nothing is lost", async ({ page }) => {
  const listing = await page.request.get("/api/v1/documents/?page_size=1");
  const target = (await listing.json()).results[0] as { id: number; title: string };
  await page.goto(`/can-bo/van-ban/${target.id}/sua`);
  await signIn(page, "canbo"); // the session lasts for the browser: the second round is signed in already
  await expect(page.getByRole("heading", { name: "Sửa văn bản" })).toBeVisible();
  for (const [width, height, shot] of [
    [1366, 900, "15-edit-conflict"],
    [390, 844, "15b-edit-conflict-phone"],
  ] as const) {
    await page.setViewportSize({ width, height });
    // The officer opens the edit form of a document…
    await page.goto(`/can-bo/van-ban/${target.id}/sua`);
    await expect(page.getByRole("heading", { name: "Sửa văn bản" })).toBeVisible();
    const mine = `${target.title} (bản của tôi ${width})`;
    await page.getByLabel("Trích yếu").fill(mine);
    // …while a colleague saves a change of the same document.
    const status = await page.evaluate(async (id) => {
      // The colleague's browser is signed in the same way: the session cookie, and the CSRF header on writes.
      const csrf = decodeURIComponent(/(?:^|;\s*)csrftoken=([^;]*)/.exec(document.cookie)?.[1] ?? "");
      const headers = { "X-CSRFToken": csrf, "Content-Type": "application/json" };
      const current = await fetch(`/api/v1/documents/${id}/`, { headers });
      const res = await fetch(`/api/v1/documents/${id}/`, {
        method: "PATCH",
        headers: { ...headers, "If-Match": current.headers.get("ETag") ?? "" },
        body: JSON.stringify({ signer: "Đồng nghiệp" }),
      });
      return res.status;
    }, target.id);
    expect(status).toBe(200);
    await page.getByRole("button", { name: "Lưu văn bản", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("Văn bản vừa được người khác sửa nên chưa lưu thay đổi của bạn");
    await expect(page.getByLabel("Trích yếu")).toHaveValue(mine); // the officer's text is still in the form
    await screenshot(page, shot);
    // Reloading brings the colleague's version; the alert goes away.
    await page.getByRole("button", { name: "Tải lại văn bản", exact: true }).click();
    await expect(page.getByRole("alert")).toHaveCount(0);
  }
});
