import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot } from "./helpers";

// The public journey: search → document → "was it in force on a date?", in Vietnamese, without login.

test("the home page is a Vietnamese search box over the demo data", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByLabel("Tìm văn bản theo số ký hiệu, trích yếu hoặc nội dung")).toBeVisible();
  await expect(page.getByText(/\d+ văn bản/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "01-home");

  // The app's JavaScript goes out compressed, and cached for good (its name changes with its content).
  const script = await page.locator("script[type=module]").getAttribute("src");
  const asset = await page.request.get(script!, { headers: { "Accept-Encoding": "br, gzip" } });
  expect(["br", "gzip"]).toContain(asset.headers()["content-encoding"]);
  expect(asset.headers()["cache-control"]).toContain("immutable");
});

test("search without diacritics, filter, open a document and check it on two dates", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Tìm văn bản theo số ký hiệu, trích yếu hoặc nội dung").fill("ngan sach");
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page).toHaveURL(/\?q=ngan\+sach/);
  await expect(page.locator("mark").first()).toBeVisible();

  // Facets filter, and the URL keeps them so the list can be shared.
  // The checkbox follows the URL, so it is checked once the navigation lands: click, then expect.
  const expired = page.getByRole("group", { name: "Tình trạng hiệu lực" }).getByRole("checkbox", { name: /^Hết hiệu lực \d+$/ });
  await expired.click();
  await expect(page).toHaveURL(/status=expired/);
  await expect(expired).toBeChecked();
  await expect(page.locator(".hit .badge").first()).toHaveText("Hết hiệu lực");
  const shared = page.url();
  await page.goto(shared);
  await expect(page.getByRole("group", { name: "Tình trạng hiệu lực" }).getByRole("checkbox", { name: /^Hết hiệu lực \d+$/ })).toBeChecked();
  await expectAccessible(page);
  await screenshot(page, "02-search-results");

  // A number in another spelling (QD for QĐ, no leading zero) finds the document.
  await page.goto("/?q=8/2021/NQ-HDND");
  await page.getByRole("link", { name: "08/2021/NQ-HĐND" }).first().click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ngân sách");
  const status = page.getByTestId("validity").first();
  await expect(status).toContainText("Hết hiệu lực");
  await expect(status).toContainText("Bị thay thế");
  await expect(status.getByRole("link", { name: "03/2025/NQ-HĐND" })).toBeVisible();
  await expect(page.getByRole("group", { name: /Lược đồ quan hệ của văn bản 08\/2021\/NQ-HĐND/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Diễn biến hiệu lực" })).toBeVisible();

  const date = page.getByLabel("Ngày cần kiểm tra");
  await date.fill("01/01/2023");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByTestId("check-answer")).toContainText("Vào ngày 01/01/2023: Còn hiệu lực");
  await date.fill("01/01/2026");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByTestId("check-answer")).toContainText("Vào ngày 01/01/2026: Hết hiệu lực");
  await expectAccessible(page);
  await screenshot(page, "03-document");

  // The causing document is linked.
  await status.getByRole("link", { name: "03/2025/NQ-HĐND" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".document-type")).toContainText("03/2025/NQ-HĐND");
});

test("English is one switch away, and the phone layout works", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.getByLabel("Ngôn ngữ").selectOption("en");
  await expect(page.getByLabel("Find a document by number, title or text")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expectAccessible(page);
  await screenshot(page, "04-home-phone-en");

  // The document page on a phone: one column, the date check usable.
  await page.getByLabel("Language").selectOption("vi");
  await page.goto("/?q=08/2021/NQ-HDND");
  await page.getByRole("link", { name: "08/2021/NQ-HĐND" }).first().click();
  await page.getByLabel("Ngày cần kiểm tra").fill("01/01/2023");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByTestId("check-answer")).toContainText("Còn hiệu lực");
  const box = await page.locator(".document-grid .card").first().boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await screenshot(page, "04b-document-phone");
});

test("the search works from the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText(/\d+ văn bản/)).toBeVisible();
  await page.keyboard.press("Tab"); // the skip link comes first
  await expect(page.getByRole("link", { name: "Bỏ qua, đến nội dung chính" })).toBeFocused();
  await page.getByLabel("Tìm văn bản theo số ký hiệu, trích yếu hoặc nội dung").focus();
  await page.keyboard.type("phi tham dinh");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=phi\+tham\+dinh/);
  await expect(page.locator(".hit").first()).toBeVisible();
  await page.locator(".hit-number").first().focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
});

test("published yearly list and the systematization lists, with .docx downloads", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Danh mục công bố" }).click();
  await expect(page.getByRole("heading", { name: "Danh mục văn bản hết hiệu lực đã công bố" })).toBeVisible();
  await page.getByRole("link", { name: /năm 2025/ }).first().click();
  await expect(page.getByTestId("list-row").first()).toBeVisible();
  await expect(page.locator("caption").first()).toContainText("Hết hiệu lực, ngưng hiệu lực toàn bộ");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải về (.docx)" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.docx$/);
  await expectAccessible(page);
  await screenshot(page, "08-published-list");

  await page.goto("/he-thong-hoa?from=2021&to=2025");
  await expect(page.getByText("Thời điểm hệ thống hóa: 31/12/2025")).toBeVisible();
  await expect(page.getByTestId("sys-expired_whole").locator("tbody tr").first()).toBeVisible();
  // The public sees lists 1-3; list 4 comes from the internal review workflow.
  await expect(page.getByRole("heading", { name: /^4\./ })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "09-systematization");
});
