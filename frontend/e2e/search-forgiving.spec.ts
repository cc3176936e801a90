import { expect, test } from "@playwright/test";
import { expectAccessible, PHONE, screenshot } from "./helpers";

// Search that forgives (issue #15), as a citizen meets it on the public page: a typo, and a number said the way
// people say it, over the demo data.

const BOX = "Tìm văn bản theo số ký hiệu, trích yếu hoặc nội dung";

test("a query with a typo shows near matches under a notice, and the corrected query", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel(BOX).fill("vận độgn viên");
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  const notice = page.getByRole("status").filter({ hasText: "gần đúng" });
  await expect(notice).toContainText("Không có văn bản chứa đủ các từ; đây là kết quả gần đúng.");
  await expect(notice).toContainText("Có phải bạn muốn tìm:");
  const corrected = notice.getByRole("link", { name: "vận động viên" });
  await expect(corrected).toBeVisible();
  await expect(page.locator(".hit").first()).toContainText("vận động viên");
  await expectAccessible(page);
  await screenshot(page, "search-typo-desktop");
  await page.setViewportSize(PHONE);
  await screenshot(page, "search-typo-phone");

  // Following the correction searches it as typed right: no notice any more.
  await corrected.click();
  await expect(page).toHaveURL(/q=v%E1%BA%ADn\+%C4%91%E1%BB%99ng\+vi%C3%AAn|q=v\u1eadn\+\u0111\u1ed9ng\+vi\u00ean/);
  await expect(page.locator(".hit").first()).toBeVisible();
  await expect(page.locator(".relaxed-notice")).toHaveCount(0);
});

test("a number said as people say it finds its document first", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel(BOX).fill("nq 12 hdnd 2009");
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page.locator(".hit").first()).toContainText("12/2009/NQ-HĐND");
  await expect(page.locator(".relaxed-notice")).toHaveCount(0);
  await screenshot(page, "search-said-number-desktop");

  // A number whose type is wrong offers the closest number.
  await page.goto(`/?q=${encodeURIComponent("qd 12/2009")}`);
  const notice = page.locator(".relaxed-notice");
  await expect(notice).toContainText("Có phải bạn muốn tìm:");
  await expect(notice.getByRole("link")).toHaveText(/^\d+\/2009\/(NQ-HĐND|QĐ-UBND)$/);
  await page.setViewportSize(PHONE);
  await screenshot(page, "search-number-did-you-mean-phone");
});
