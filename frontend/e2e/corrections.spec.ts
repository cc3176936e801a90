import { expect, test } from "@playwright/test";
import { callApi as send, expectAccessibleAtBothWidths, signIn } from "./helpers";

// Issue #14 §2, "An đính chính (correction) changes the text from the corrected document's own date": a correcting
// decision is catalogued with its text; the reader proposes one correction dated with the corrected decision's
// effective date; the officer confirms it on the correcting decision's page; the corrected decision's page then
// shows the corrected wording on a date before the correcting decision was even issued, with a footnote naming the
// correcting decision, its date, and the date the correction applies from. Its own two decisions.

const BASE = "65/2026/QĐ-UBND";
const CORRECTING = "66/2026/QĐ-UBND";

test("an officer confirms a correction and the corrected wording is the text from the corrected decision's date", async ({
  page,
  browser,
}) => {
  await page.goto("/can-bo/van-ban/moi");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Thêm văn bản", level: 1 })).toBeVisible();
  const decision = { type: "quyet-dinh", issuer: "UBND-AG" };
  const base = await send(page, "POST", "/documents/", {
    ...decision,
    number: BASE,
    issued_on: "2026-03-02",
    effective_from: "2026-03-12",
    title: "Ban hành Quy định mức thu phí thẩm định hồ sơ xây dựng trên địa bàn tỉnh",
    text: [
      "Điều 1. Phạm vi điều chỉnh",
      "Quy định này quy định mức thu phí thẩm định hồ sơ xây dựng.",
      "Điều 5. Mức thu",
      "1. Hồ sơ cấp mới: 60.000 đồng/hồ sơ.",
      "2. Hồ sơ gia hạn: 40.000 đồng/hồ sơ.",
      "Điều 10. Hiệu lực thi hành",
      "Quyết định này có hiệu lực kể từ ngày 12 tháng 3 năm 2026.",
    ].join("\n"),
  });
  expect(base.status, JSON.stringify(base.body)).toBe(201);
  const correcting = await send(page, "POST", "/documents/", {
    ...decision,
    number: CORRECTING,
    issued_on: "2026-04-10",
    effective_from: "2026-04-10",
    title: `Về việc đính chính Quyết định số ${BASE}`,
    text: [
      `Điều 1. Đính chính Quyết định số ${BASE} ngày 02 tháng 3 năm 2026 như sau:`,
      "1. Tại khoản 2 Điều 5:",
      "Đã ghi: “Hồ sơ gia hạn: 40.000 đồng/hồ sơ.”",
      "Nay sửa lại là: “Hồ sơ gia hạn: 45.000 đồng/hồ sơ.”",
      "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ].join("\n"),
  });
  expect(correcting.status, JSON.stringify(correcting.body)).toBe(201);

  // The reader proposes the correction (after the commit); the officer confirms it on the correcting decision.
  await expect
    .poll(async () => (await send(page, "GET", `/operations/?source=${correcting.body.id}`)).body.count, { timeout: 20_000 })
    .toBe(1);
  await page.goto(`/van-ban/${correcting.body.id}`);
  const card = page.getByRole("region", { name: "Thao tác sửa đổi, bổ sung" });
  const operation = card.getByTestId("operation-1");
  await expect(operation).toContainText(
    "Đính chính cụm từ “Hồ sơ gia hạn: 40.000 đồng/hồ sơ.” thành “Hồ sơ gia hạn: 45.000 đồng/hồ sơ.” tại Khoản 2 Điều 5",
  );
  await expect(operation).toContainText("Áp dụng từ ngày 12/03/2026");
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Xác nhận tất cả đề xuất (1)" }).click();
  await expect(card.getByRole("status")).toHaveText("Đã xác nhận 1 thao tác.");
  await expectAccessibleAtBothWidths(page, "44-correction-officer");

  // A citizen reads the corrected decision on 20/03/2026, before the correcting decision was issued (10/04/2026).
  const citizen = await browser.newPage();
  await citizen.goto(`/van-ban/${base.body.id}?ngay=2026-03-20#khoan-2-dieu-5`);
  const text = citizen.getByRole("region", { name: "Toàn văn" });
  // The clause reads as corrected (the printed words are left only in its history's quoted instruction).
  await expect(text.locator("#khoan-2-dieu-5")).toHaveText(/^2\. Hồ sơ gia hạn: 45\.000 đồng\/hồ sơ\.1Lịch sử/);
  const notes = text.getByRole("region", { name: "Chú thích" });
  await expect(notes.locator("li").first()).toHaveText(
    `Cụm từ tại khoản này được đính chính theo quy định tại khoản 1 Điều 1 của Quyết định số ${CORRECTING} ngày 10/04/2026, ` +
      "áp dụng kể từ ngày 12/03/2026 là ngày có hiệu lực của văn bản được đính chính. ↩",
  );
  await expect(notes.getByRole("link", { name: CORRECTING })).toHaveAttribute("href", `/van-ban/${correcting.body.id}`);
  await expectAccessibleAtBothWidths(citizen, "45-correction-citizen");
  await citizen.close();
});
