import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, signIn } from "./helpers";

// A legal officer drafts the yearly list, edits it with reasons, takes it through submit → approve → publish,
// and the public then finds it among the published lists.

test("draft, edit, submit, approve and publish a yearly list", async ({ page }) => {
  await page.goto("/can-bo/danh-muc");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Danh mục văn bản hết hiệu lực (công bố hằng năm)" })).toBeVisible();

  // A second list of 2025, for the Kiên Giang council (its documents ended with the merger).
  await page.getByLabel("Năm").fill("2025");
  await page.getByRole("checkbox", { name: "Hội đồng nhân dân tỉnh Kiên Giang" }).check();
  await page.getByRole("button", { name: "Lập dự thảo danh mục" }).click();
  await expect(page).toHaveURL(/\/can-bo\/danh-muc\/\d+$/);
  await expect(page.getByTestId("ann-state")).toHaveText("Dự thảo");
  const whole = page.getByTestId("rows-whole");
  await expect(whole.locator("tbody tr").first()).toBeVisible();
  const number = (await whole.locator("tbody tr").first().getByRole("link").textContent())!.trim();

  // Removing a row asks for the reason and keeps the row, marked.
  page.once("dialog", (dialog) => dialog.accept("Đã công bố trong danh mục trước"));
  await page.getByRole("button", { name: `Bỏ khỏi danh mục ${number}` }).click();
  await expect(whole).toContainText("Đã bỏ: Đã công bố trong danh mục trước");

  // Adding needs a known number, and a document that had really expired by 31 December.
  await page.getByLabel("Số ký hiệu văn bản").fill("1/1999/QĐ-XYZ");
  await page.getByLabel("Lý do").fill("Bổ sung theo kết quả rà soát");
  await page.getByRole("button", { name: "Thêm văn bản vào danh mục" }).click();
  await expect(page.locator("#add-number ~ .field-errors")).toContainText("Không tìm thấy văn bản số này.");
  await page.getByLabel("Số ký hiệu văn bản").fill("09/2026/QĐ-UBND");
  await page.getByRole("button", { name: "Thêm văn bản vào danh mục" }).click();
  await expect(page.locator("#add-number ~ .field-errors")).toContainText("Chưa có hiệu lực");
  await page.getByLabel("Số ký hiệu văn bản").fill(number);
  await page.getByRole("button", { name: "Thêm văn bản vào danh mục" }).click();
  await expect(whole).toContainText("Thêm thủ công: Bổ sung theo kết quả rà soát");
  await expectAccessible(page);
  await screenshot(page, "14-announcement-draft");

  for (const [button, state] of [
    ["Trình", "Đã trình"],
    ["Phê duyệt", "Đã phê duyệt"],
    ["Công bố", "Đã công bố"],
  ] as const) {
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(page.getByTestId("ann-state")).toHaveText(state);
  }
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về (.docx)" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.docx$/);

  // The public now sees it.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.goto("/danh-muc");
  await expect(page.getByRole("link", { name: /năm 2025 \(Hội đồng nhân dân tỉnh Kiên Giang\)/ })).toBeVisible();
});
