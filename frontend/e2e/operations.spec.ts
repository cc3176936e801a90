import { expect, test, type Page } from "@playwright/test";
import { callApi, expectAccessibleAtBothWidths, fillDate, signIn } from "./helpers";

// Issue #14, increment 6 (part 1): on an amending decision's page a legal officer confirms what it changes in the
// decision it amends. "Confirm all" stops at the operation the API refuses and says which; confirming that one
// opens its form with the API's message under the missing field; once corrected and confirmed, the relations are
// derived from the operations ("suy ra từ thao tác sửa đổi", no edit or delete), and a citizen sees the confirmed
// operations without any control. Its own two decisions, so no other test's documents are touched.

const BASE = "61/2026/QĐ-UBND";
const AMENDING = "62/2026/QĐ-UBND";

/** A write through the API as the signed-in officer (the session cookie and the csrftoken, as the app sends). */
async function post(page: Page, path: string, body: unknown): Promise<{ id: number }> {
  const answer = await callApi(page, "POST", path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

test("an officer confirms an amending decision's operations and the relations are derived from them", async ({ page, browser }) => {
  await page.goto("/can-bo/van-ban/moi");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Thêm văn bản", level: 1 })).toBeVisible();

  const decision = { type: "quyet-dinh", issuer: "UBND-AG", issued_on: "2026-03-02", effective_from: "2026-03-12" };
  const base = await post(page, "/documents/", {
    ...decision,
    number: BASE,
    title: "Ban hành Quy định mức thu phí thẩm định hồ sơ trên địa bàn tỉnh",
    text: "Điều 5. Mức thu\n1. Hồ sơ cấp mới.\n2. Mức thu phí là 40.000 đồng/hồ sơ.\nĐiều 9. Miễn phí\nNgười có công được miễn phí.",
  });
  const amending = await post(page, "/documents/", {
    ...decision,
    number: AMENDING,
    issued_on: "2026-07-20",
    effective_from: "2026-08-01",
    title: `Sửa đổi, bổ sung một số điều của Quyết định số ${BASE}`,
    // No text: the reader (which reads an amending text when it is catalogued) proposes nothing, so the
    // operations are exactly the two added below.
    text: "",
  });
  const operation = { source: amending.id, target: base.id, applies_on: "2026-08-01" };
  await post(page, "/operations/", {
    ...operation,
    kind: "replace",
    target_eid: "dieu-5/khoan-2",
    new_text: "2. Mức thu phí là 50.000 đồng/hồ sơ.",
    instruction: "1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau: “2. Mức thu phí là 50.000 đồng/hồ sơ.”",
  });
  // As a reader might leave it: the provision it repeals is not filled in yet.
  await post(page, "/operations/", { ...operation, kind: "repeal", instruction: "2. Bãi bỏ Điều 9." });

  await page.goto(`/van-ban/${amending.id}`);
  const card = page.getByRole("region", { name: "Thao tác sửa đổi, bổ sung" });
  await expect(card).toBeVisible();
  const group = card.getByRole("region", { name: `Văn bản được sửa đổi ${BASE}` });
  await expect(group.getByRole("link", { name: BASE })).toHaveAttribute("href", `/van-ban/${base.id}`);
  await expect(group.getByRole("list", { name: /^Số thao tác theo trạng thái/ })).toHaveText("Đề xuất: 2");
  const first = card.getByTestId("operation-1");
  const second = card.getByTestId("operation-2");
  await expect(first).toContainText("Sửa đổi, bổ sung Khoản 2 Điều 5");
  await expect(first).toContainText("Áp dụng từ ngày 01/08/2026");
  await expect(first).toContainText("1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau: “2. Mức thu phí là 50.000 đồng/hồ sơ.”");
  await expect(second).toContainText("Bãi bỏ (chưa xác định điều khoản)");
  await expectAccessibleAtBothWidths(page, "40-operations-officer");

  // Confirm all: the first goes through, the second is refused, and the officer is told which and why.
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Xác nhận tất cả đề xuất (2)" }).click();
  await expect(card.getByRole("alert").first()).toContainText(
    "Đã xác nhận 1 thao tác; dừng ở thao tác 2 (Bãi bỏ (chưa xác định điều khoản))",
  );
  await expect(first).toContainText("Đã xác nhận");
  await expect(first).toContainText(/Xác nhận bởi canbo, ngày \d\d\/\d\d\/\d{4}/);

  // Confirming it alone opens its form, with the API's message under the missing provision.
  await second.getByRole("button", { name: "Xác nhận thao tác 2" }).click();
  const provision = second.getByLabel("Điều khoản được sửa đổi (mã, ví dụ dieu-5/khoan-2)");
  await expect(second.locator(".form-field").filter({ hasText: "Điều khoản được sửa đổi" }).locator(".field-errors")).toContainText(
    "Cần nhập trước khi xác nhận.",
  );
  await provision.fill("dieu-9");
  await second.getByRole("button", { name: "Lưu thao tác" }).click();
  await expect(second.locator(".operation-head")).toContainText("Bãi bỏ Điều 9");
  await second.getByRole("button", { name: "Xác nhận thao tác 2" }).click();
  await expect(group.getByRole("list", { name: /^Số thao tác theo trạng thái/ })).toHaveText("Đã xác nhận: 2");

  // The page's relations were read again: both derived, neither editable here.
  const relations = page.getByRole("region", { name: "Lược đồ văn bản" });
  const derived = relations.locator(".relation-list li").filter({ hasText: BASE });
  await expect(derived).toHaveCount(2);
  await expect(derived.filter({ hasText: "Khoản 2 Điều 5" })).toContainText("suy ra từ thao tác sửa đổi");
  await expect(derived.filter({ hasText: "Điều 9" })).toContainText("suy ra từ thao tác sửa đổi");
  await expect(relations.getByRole("button", { name: `Sửa quan hệ với ${BASE}` })).toHaveCount(0);
  await expect(relations.getByRole("button", { name: `Xóa quan hệ với ${BASE}` })).toHaveCount(0);

  // An operation the reader missed is added from the card: an unknown number is said under its field, then the
  // decision of the page's other operations is found by its number and the operation waits as proposed.
  await card.getByText("Thêm thao tác", { exact: true }).click();
  const add = card.getByRole("form", { name: "Thêm thao tác" });
  await expect(add.getByLabel("Văn bản được sửa đổi (số ký hiệu)")).toHaveValue(BASE);
  await add.getByLabel("Văn bản được sửa đổi (số ký hiệu)").fill("61/2099/QĐ-UBND");
  await add.getByLabel("Loại thao tác").selectOption("repeal");
  await add.getByLabel("Điều khoản được sửa đổi (mã, ví dụ dieu-5/khoan-2)").fill("dieu-5/khoan-1");
  await fillDate(add.getByLabel("Ngày áp dụng"), "2026-08-01");
  await add.getByRole("button", { name: "Lưu thao tác" }).click();
  await expect(add.locator(".form-field").first().locator(".field-errors")).toHaveText(
    "Không có văn bản số 61/2099/QĐ-UBND trong danh mục.",
  );
  await add.getByLabel("Văn bản được sửa đổi (số ký hiệu)").fill(BASE);
  await add.getByRole("button", { name: "Lưu thao tác" }).click();
  await expect(card.getByRole("status")).toHaveText("Đã thêm thao tác 3.");
  const added = card.getByTestId("operation-3");
  await expect(added.locator(".operation-head .badge")).toHaveText("Đề xuất");
  await expect(added.locator(".operation-head strong")).toHaveText("Thao tác 3: Bãi bỏ Khoản 1 Điều 5");
  await expect(added).toContainText("Cán bộ nhập");

  // The amended decision's own page names what amends it, and the repeal of Điều 9 counts in its status.
  await group.getByRole("link", { name: BASE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("mức thu phí thẩm định");
  await expect(page.getByRole("region", { name: "Lược đồ văn bản" })).toContainText(AMENDING);
  await expect(page.locator(".document-head .badge")).toHaveText("Hết hiệu lực một phần");

  // A citizen sees the confirmed operations, and no control.
  const citizen = await browser.newPage();
  await citizen.goto(`/van-ban/${amending.id}`);
  const publicCard = citizen.getByRole("region", { name: "Thao tác sửa đổi, bổ sung" });
  await expect(publicCard.getByTestId("operation-2").locator(".operation-head")).toContainText("Bãi bỏ Điều 9");
  await expect(publicCard.getByRole("button")).toHaveCount(0);
  await expect(publicCard.getByTestId("operation-3")).toHaveCount(0); // proposed: not the public's yet
  await expect(publicCard).not.toContainText("Xác nhận bởi"); // the office's own record, not the public's
  await expect(publicCard.getByText("Thêm thao tác")).toHaveCount(0);
  await expectAccessibleAtBothWidths(citizen, "41-operations-citizen");
  await citizen.close();
});
