import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, signIn } from "./helpers";

// The officers' journey: a reviewer completes a review, another legal officer approves it, and the
// recommendation appears on the board. Demo accounts from the quick start (password hieuluc-demo).


test("reviewer completes a review → approver approves → recommendation appears", async ({ page }) => {
  // A reviewer's page asks for a login first, then comes back.
  await page.goto("/can-bo/ra-soat");
  await expect(page).toHaveURL(/\/can-bo\/dang-nhap$/);
  await expectAccessible(page);
  await signIn(page, "ransoat");
  await expect(page).toHaveURL(/\/can-bo\/ra-soat$/);
  await expect(page.getByRole("heading", { name: "Nhiệm vụ rà soát" })).toBeVisible();
  const rows = page.getByTestId("task-row");
  await expect(rows.first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "05-review-queue");

  const first = rows.first().getByRole("link");
  const number = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { name: `Rà soát văn bản ${number}` })).toBeVisible();
  // The document's text in force on the review date, folded until asked for, with its .docx.
  const text = page.locator("details.review-text");
  await text.getByText(/^Nội dung văn bản tại ngày \d{2}\/\d{2}\/\d{4}$/).click();
  await expect(text.getByRole("link", { name: "Tải văn bản hợp nhất (.docx)" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Bắt đầu rà soát" }).click();
  await expect(page.getByText("Đang rà soát")).toBeVisible();

  // Submitting without an outcome: the API's message shows next to the field.
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await expect(page.locator(".field-errors, [role=alert]").first()).toBeVisible();

  await page.getByLabel("Kết quả").selectOption("repeal");
  await page.getByLabel("Nhận xét, đánh giá").fill("Nội dung đã được quy định tại văn bản cấp trên; đề nghị bãi bỏ.");
  await page.getByLabel("Căn cứ rà soát").fill("Luật Ban hành văn bản quy phạm pháp luật 2025");
  await page.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu.");
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await expect(page.getByText("Chờ duyệt")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "06-review-form");

  // A reviewer cannot approve: there is no approve button for them.
  await expect(page.getByRole("button", { name: "Duyệt" })).toHaveCount(0);
  await page.getByRole("button", { name: "Đăng xuất" }).click();

  // The legal officer finds it among all submitted tasks and approves it.
  await page.goto("/can-bo/ra-soat?xem=tat-ca&state=submitted");
  await signIn(page, "canbo");
  await expect(page).toHaveURL(/state=submitted/);
  await page.getByRole("link", { name: number }).first().click();
  await page.getByLabel("Ý kiến của người duyệt").fill("Đồng ý với kết quả rà soát.");
  await page.getByRole("button", { name: "Duyệt", exact: true }).click();
  await expect(page.getByText("Đã duyệt", { exact: true })).toBeVisible();
  const opened = page.getByRole("link", { name: /Kiến nghị đã mở: #\d+/ });
  await expect(opened).toBeVisible();

  // The recommendation is on the board, not started yet, for that document.
  await opened.click();
  await expect(page.getByRole("heading", { name: "Theo dõi kiến nghị xử lý" })).toBeVisible();
  const card = page.getByTestId("recommendation").filter({ hasText: number });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Bãi bỏ");
  await expect(page.getByRole("region", { name: /Chưa triển khai/ }).getByTestId("recommendation").filter({ hasText: number })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "07-recommendations-board");

  // The dashboard shows the year's figures and charts.
  await page.getByRole("link", { name: "Tổng quan" }).click();
  await expect(page.getByRole("heading", { name: /^Tổng quan năm \d{4}$/ })).toBeVisible();
  await expect(page.getByTestId("figures")).toContainText("Văn bản đã rà soát");
  await expect(page.getByTestId("chart-status").locator("svg rect").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "10-dashboard");
});
