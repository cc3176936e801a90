import { expect, test, type Page } from "@playwright/test";
import { expectAccessibleAtBothWidths, signIn } from "./helpers";

// An admin extends the search's synonym list; the public search uses the shipped list and the admin's groups at
// once (no reindex), and stops using a group the admin turns off. Other roles get no such page.

async function hitNumbers(page: Page, q: string): Promise<string[]> {
  await page.goto(`/?q=${encodeURIComponent(q)}`);
  const hits = page.locator("li.hit .hit-number");
  await expect(page.locator("li.hit").first().or(page.getByText("Không tìm thấy văn bản nào phù hợp."))).toBeVisible();
  return (await hits.allTextContents()).map((text) => text.trim());
}

test("an admin adds, turns off and deletes a synonym group; search follows", async ({ page }) => {
  // The shipped list: THPT is "trung học phổ thông", in the demo's school decisions.
  expect(await hitNumbers(page, "THPT Sóc Sơn")).toContain("1767/2000/QĐ-UBND");
  expect(await hitNumbers(page, "XHDT")).toEqual([]);

  await page.goto("/can-bo/tu-dong-nghia");
  await signIn(page, "admin");
  await expect(page.getByRole("heading", { name: "Từ đồng nghĩa và chữ viết tắt trong tra cứu" })).toBeVisible();
  await expect(page.getByLabel("Nhóm: THPT, trung học phổ thông")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Khu vực cán bộ" }).getByRole("link", { name: "Từ đồng nghĩa" })).toBeVisible();

  // One form only: refused, the Vietnamese and English message under the field.
  const forms = page.getByLabel("Các cách viết tương đương");
  await forms.fill("XHDT");
  await page.getByRole("button", { name: "Thêm nhóm" }).click();
  await expect(page.locator("#syn-forms ~ .field-errors")).toContainText("Cần ít nhất hai cách viết");
  await expect(page.locator("#syn-forms ~ .field-errors")).toContainText("At least two");

  await forms.fill("XHDT\nxếp hạng di tích");
  await page.getByLabel("Ghi chú").fill("Di tích lịch sử - văn hóa");
  await page.getByRole("button", { name: "Thêm nhóm" }).click();
  const group = page.locator("li.synonym", { has: page.getByLabel("Nhóm: XHDT, xếp hạng di tích") });
  await expect(group).toContainText("Đang dùng");
  await expect(forms).toHaveValue("");
  await expectAccessibleAtBothWidths(page, "synonyms-admin");

  const found = await hitNumbers(page, "XHDT");
  expect(found.length).toBeGreaterThan(0);
  expect(await hitNumbers(page, "xếp hạng di tích")).toEqual(expect.arrayContaining(found));

  await page.goto("/can-bo/tu-dong-nghia");
  await group.getByRole("button", { name: "Tắt" }).click();
  await expect(group).toContainText("Đã tắt");
  expect(await hitNumbers(page, "XHDT")).toEqual([]);

  await page.goto("/can-bo/tu-dong-nghia");
  page.once("dialog", (dialog) => dialog.accept());
  await group.getByRole("button", { name: "Xóa" }).click();
  await expect(page.getByText("Chưa có nhóm nào được thêm.")).toBeVisible();
});

test("a legal officer is not offered the page", async ({ page }) => {
  await page.goto("/can-bo/tu-dong-nghia");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Không có quyền dùng chức năng này" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Khu vực cán bộ" }).getByRole("link", { name: "Từ đồng nghĩa" })).toHaveCount(0);
});
