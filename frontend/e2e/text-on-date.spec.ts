import { expect, test } from "@playwright/test";
import { callApi as send, expectAccessibleAtBothWidths, fillDate, signIn } from "./helpers";

// Issue #14, increment 6 (part 2): the text of a decision on any date. An amending decision is catalogued with its
// text; the reader proposes what it changes; the officer confirms all; the amended decision's page then prints the
// text in force on a date with numbered footnotes in the words of a văn bản hợp nhất, "Điều 9. (được bãi bỏ)", the
// change to come marked before its date, the versions, a comparison of two dates, and links carrying the date and
// the provision. Its own two decisions, so no other test's documents are touched.

const BASE = "63/2026/QĐ-UBND";
const AMENDING = "64/2026/QĐ-UBND";

test("the text on a date: footnotes, a repealed article, the change to come, versions, compare, links", async ({ page, browser }) => {
  await page.goto("/can-bo/van-ban/moi");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Thêm văn bản", level: 1 })).toBeVisible();
  const decision = { type: "quyet-dinh", issuer: "UBND-AG" };
  const base = await send(page, "POST", "/documents/", {
    ...decision,
    number: BASE,
    issued_on: "2026-03-02",
    effective_from: "2026-03-12",
    title: "Ban hành Quy định mức thu phí thẩm định hồ sơ cấp phép trên địa bàn tỉnh",
    text: [
      "Điều 1. Phạm vi điều chỉnh",
      "Quy định này quy định mức thu phí thẩm định hồ sơ cấp phép.",
      "Điều 5. Mức thu",
      "1. Hồ sơ cấp mới: 60.000 đồng/hồ sơ.",
      "2. Hồ sơ gia hạn: 40.000 đồng/hồ sơ.",
      "Điều 9. Miễn phí",
      "Người có công với cách mạng được miễn phí.",
      "Điều 10. Hiệu lực thi hành",
      "Quyết định này có hiệu lực kể từ ngày 12 tháng 3 năm 2026.",
    ].join("\n"),
  });
  expect(base.status, JSON.stringify(base.body)).toBe(201);
  const amending = await send(page, "POST", "/documents/", {
    ...decision,
    number: AMENDING,
    issued_on: "2026-07-20",
    effective_from: "2026-08-01",
    title: `Sửa đổi, bổ sung một số điều của Quyết định số ${BASE}`,
    text: [
      `Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số ${BASE}`,
      "1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:",
      "“2. Hồ sơ gia hạn: 30.000 đồng/hồ sơ.”.",
      "2. Bãi bỏ Điều 9.",
      "Điều 2. Hiệu lực thi hành",
      "Quyết định này có hiệu lực kể từ ngày 01 tháng 8 năm 2026.",
    ].join("\n"),
  });
  expect(amending.status, JSON.stringify(amending.body)).toBe(201);

  // The reader proposes what the amending decision changes (after the commit); the officer confirms all of it.
  await expect
    .poll(async () => (await send(page, "GET", `/operations/?source=${amending.body.id}`)).body.count, { timeout: 20_000 })
    .toBe(2);
  await page.goto(`/van-ban/${amending.body.id}`);
  const card = page.getByRole("region", { name: "Thao tác sửa đổi, bổ sung" });
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Xác nhận tất cả đề xuất (2)" }).click();
  await expect(card.getByRole("status")).toHaveText("Đã xác nhận 2 thao tác.");

  // A confirmed change to a provision the decision does not have is held back, and staff are told why.
  const stray = await send(page, "POST", "/operations/", {
    source: amending.body.id,
    target: base.body.id,
    kind: "repeal",
    target_eid: "dieu-99",
    applies_on: "2026-08-01",
  });
  expect((await send(page, "POST", `/operations/${stray.body.id}/confirm/`, undefined, stray.body.version)).status).toBe(200);

  // The amended decision today: the new wording with its footnote, Điều 9 printed as repealed.
  await page.goto(`/van-ban/${base.body.id}`);
  const text = page.getByRole("region", { name: "Toàn văn" });
  const held = text.getByRole("region", { name: "Thao tác đã xác nhận nhưng chưa áp dụng được vào nội dung" });
  await expect(held).toContainText("thao tác 3: Bãi bỏ điều khoản: Điều 99 — Văn bản được sửa đổi không có điều khoản này vào ngày áp dụng.");
  await expect(text.locator("#khoan-2-dieu-5")).toContainText("2. Hồ sơ gia hạn: 30.000 đồng/hồ sơ.");
  await expect(text.getByRole("heading", { name: /^Điều 9\. \(được bãi bỏ\)/ })).toBeVisible();
  const notes = text.getByRole("region", { name: "Chú thích" });
  await expect(notes.locator("li").first()).toHaveText(
    `Khoản này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 1 của Quyết định số ${AMENDING}, có hiệu lực kể từ ngày 01/08/2026. ↩`,
  );
  await expect(notes.locator("li").nth(1)).toContainText("Điều này được bãi bỏ theo quy định tại khoản 2 Điều 1");
  await expect(notes.getByRole("link", { name: AMENDING }).first()).toHaveAttribute("href", `/van-ban/${amending.body.id}`);
  await text.getByRole("link", { name: "Chú thích 1" }).click();
  await expect(page).toHaveURL(/#fn-1$/);

  // Before the amendment: the old wording, and the change to come marked with its date.
  await fillDate(text.getByRole("textbox", { name: "Nội dung tại ngày" }), "2026-07-01");
  await text.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(/\?ngay=2026-07-01/);
  await expect(text.locator("#khoan-2-dieu-5")).toContainText("40.000 đồng/hồ sơ");
  await expect(text.locator("#khoan-2-dieu-5 .future-change")).toContainText("có hiệu lực kể từ ngày 01/08/2026");
  await expect(text.getByRole("heading", { name: "Điều 9. Miễn phí" })).toBeVisible();
  await expect(text.getByText("(phiên bản từ 12/03/2026 đến hết ngày 31/07/2026)")).toBeVisible();

  // The versions: a click shows that version.
  const versions = text.getByRole("navigation", { name: "Các phiên bản" });
  await versions.getByRole("link", { name: "01/08/2026" }).click();
  await expect(page).toHaveURL(/\?ngay=2026-08-01$/);
  await expect(text.locator("#khoan-2-dieu-5")).toContainText("30.000");

  // A provision's history on demand, with a link to it on this date that scrolls to it.
  const clause = text.locator("#khoan-2-dieu-5");
  await clause.locator(".provision-history > summary").click();
  await expect(clause.locator(".provision-history blockquote")).toHaveText("1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:");
  const link = clause.getByRole("link", { name: "Liên kết đến Khoản 2 Điều 5 tại ngày 01/08/2026" });
  await expect(link).toHaveAttribute("href", `/van-ban/${base.body.id}?ngay=2026-08-01#khoan-2-dieu-5`);

  // Compare two dates: the words removed and added.
  await text.getByText("So sánh hai ngày").click();
  await fillDate(text.getByLabel("Từ ngày"), "2026-07-01");
  await fillDate(text.getByLabel("Đến ngày"), "2026-08-01");
  await text.getByRole("button", { name: "So sánh" }).click();
  const compared = text.locator(".compare-answer");
  await expect(compared).toContainText("Thay đổi từ 01/07/2026 đến 01/08/2026");
  await expect(compared.locator("del").first()).toContainText("40.000");
  await expect(compared.locator("ins").first()).toContainText("30.000");
  await expect(compared).toContainText("Điều 9 được bãi bỏ");
  await expectAccessibleAtBothWidths(page, "42-text-on-date-officer");

  // A citizen follows the link: the date and the provision come with it, and the page scrolls there.
  const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await citizen.goto(`/van-ban/${base.body.id}?ngay=2026-07-01#khoan-2-dieu-5`);
  const target = citizen.locator("#khoan-2-dieu-5");
  await expect(target).toContainText("40.000");
  await expect(target).toBeInViewport();
  await expect(citizen.getByText("Thao tác đã xác nhận nhưng chưa áp dụng được vào nội dung")).toHaveCount(0);
  await expectAccessibleAtBothWidths(citizen, "43-text-on-date-citizen");
  // Before the decision was in force: said so, and the text as issued is still there to read.
  await citizen.goto(`/van-ban/${base.body.id}?ngay=2026-01-01`);
  await expect(citizen.getByText("Văn bản chưa có hiệu lực vào ngày 01/01/2026; dưới đây là nội dung khi ban hành.")).toBeVisible();
  await expect(citizen.locator("#khoan-2-dieu-5")).toContainText("40.000");
  await citizen.close();
});
