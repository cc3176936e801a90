import { expect, test, type Page } from "@playwright/test";
import { callApi, DESKTOP, expectAccessible, PHONE, screenshot, signIn } from "./helpers";

// Review shared out across organisations (issue #16, decision 0023), with the quick start's demo accounts: the
// Sở Tư pháp's plan "Rà soát văn bản năm 2024 theo lĩnh vực quản lý" gives each department the tasks of its fields
// and needs the department's approval, then the Sở Tư pháp's.
const PLAN = "Rà soát văn bản năm 2024 theo lĩnh vực quản lý (dữ liệu mẫu)";

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
}

async function asUser(page: Page, username: string, path: string): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/can-bo\/dang-nhap$/);
  await signIn(page, username);
  await expect(page).toHaveURL(new RegExp(path.replace(/[?]/g, "\\?")));
}

test("a department sees its own tasks, the Sở Tư pháp sees all and approves, another department gets 404", async ({ page }) => {
  // 1. The Sở Tài chính's reviewer: only the Sở Tài chính's tasks, on the page and in the API.
  await asUser(page, "ransoat-tc", "/can-bo/ra-soat?xem=tat-ca");
  await expect(page.getByText("Đang đăng nhập: ransoat-tc (Sở Tài chính tỉnh An Giang)")).toBeVisible();
  await expect(page.getByRole("tab", { name: "Của cơ quan tôi" })).toBeVisible();
  const rows = page.getByTestId("task-row");
  await expect(rows.first()).toBeVisible();
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(1);
  for (let i = 0; i < shown; i++) await expect(rows.nth(i)).toContainText("Sở Tài chính tỉnh An Giang");
  const own = await callApi(page, "GET", "/reviews/?page_size=500");
  expect(own.status).toBe(200);
  expect(own.body.count).toBe(shown);
  await expectAccessible(page);
  await screenshot(page, "org-01-department-queue");
  await page.setViewportSize(PHONE);
  await screenshot(page, "org-01-department-queue-phone");
  await page.setViewportSize(DESKTOP);

  // The department reviews one: its legal officer gives it to the reviewer, who submits; the officer approves first.
  const list = (await page.evaluate(async () => (await fetch("/api/v1/reviews/?page_size=1&ordering=due_on")).json())) as {
    results: { id: number; version: number; document: { number: string } }[];
  };
  const task = list.results[0];
  await signOut(page);
  await asUser(page, "phapche-tc", `/can-bo/ra-soat/${task.id}`);
  const given = await callApi(page, "PATCH", `/reviews/${task.id}/`, { reviewer: "ransoat-tc" }, task.version);
  expect(given.status).toBe(200);
  await signOut(page);
  await asUser(page, "ransoat-tc", `/can-bo/ra-soat/${task.id}`);
  await expect(page.getByTestId("task-organisation")).toHaveText("Cơ quan rà soát: Sở Tài chính tỉnh An Giang");
  await expect(page.getByTestId("approval-stage")).toContainText("Cần hai cấp duyệt");
  await page.getByRole("button", { name: "Bắt đầu rà soát" }).click();
  await expect(page.getByText("Đang rà soát")).toBeVisible();
  await page.getByLabel("Kết quả").selectOption("amend");
  await page.getByLabel("Nhận xét, đánh giá").fill("Mức thu phí chưa phù hợp với quy định mới; đề nghị sửa đổi.");
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await expect(page.getByText("Chờ duyệt")).toBeVisible();
  await signOut(page);
  await asUser(page, "phapche-tc", `/can-bo/ra-soat/${task.id}`);
  await page.getByRole("button", { name: "Duyệt", exact: true }).click();
  await expect(page.getByTestId("approval-stage")).toContainText("Cơ quan đã duyệt (phapche-tc");
  await expect(page.getByText("Chờ duyệt")).toBeVisible(); // still submitted: the Sở Tư pháp approves next
  await expect(page.getByRole("button", { name: "Duyệt", exact: true })).toHaveCount(0);
  await signOut(page);

  // 2. The Sở Tư pháp's officer: every organisation's tasks, and the second approval.
  await asUser(page, "canbo", "/can-bo/ra-soat?xem=tat-ca");
  await expect(page.getByLabel("Cơ quan rà soát")).toBeVisible();
  const all = await callApi(page, "GET", "/reviews/?page_size=1");
  expect(all.body.count).toBeGreaterThan(own.body.count);
  const everyone = (await page.evaluate(async () => (await fetch("/api/v1/reviews/?page_size=500")).json())) as {
    results: { organisation: { code: string } | null }[];
  };
  const organisations = new Set(everyone.results.map((row) => row.organisation?.code ?? "province"));
  expect(organisations.size).toBeGreaterThan(3); // the province's own work, and several departments' tasks
  await page.getByLabel("Cơ quan rà soát").selectOption({ label: "Sở Tài chính tỉnh An Giang" });
  await expect(page).toHaveURL(/organisation=stc-ag/);
  await expect(page.getByTestId("task-row")).toHaveCount(shown);
  await expectAccessible(page);
  await screenshot(page, "org-02-justice-queue");
  await page.goto(`/can-bo/ra-soat/${task.id}`);
  await expect(page.getByTestId("approval-stage")).toContainText("chờ Sở Tư pháp duyệt");
  await page.getByLabel("Ý kiến của người duyệt").fill("Sở Tư pháp thống nhất với kết quả rà soát của Sở Tài chính.");
  await page.getByRole("button", { name: "Duyệt", exact: true }).click();
  await expect(page.getByText("Đã duyệt", { exact: true })).toBeVisible();
  await expect(page.getByTestId("approval-stage")).toContainText("Sở Tư pháp đã duyệt");
  await expectAccessible(page);
  await screenshot(page, "org-03-justice-approved");
  await page.setViewportSize(PHONE);
  await screenshot(page, "org-03-justice-approved-phone");
  await page.setViewportSize(DESKTOP);
  // The recommendation goes to the drafting organisation (the Sở Tài chính): its reviewer records a step.
  await signOut(page);
  await asUser(page, "ransoat-tc", "/can-bo/kien-nghi");
  const card = page.getByTestId("recommendation").filter({ hasText: task.document.number });
  await expect(card.getByTestId("rec-organisation")).toHaveText("Cơ quan chủ trì soạn thảo: Sở Tài chính tỉnh An Giang");
  await card.getByText("Cập nhật tiến độ").click();
  await expect(card.getByRole("button", { name: "Lưu cơ quan soạn thảo và hạn xử lý" })).toHaveCount(0); // a legal officer's
  await card.getByLabel("Bước", { exact: true }).selectOption("registration");
  await card.getByLabel("Số văn bản", { exact: true }).fill("125/STC-PC");
  await card.getByRole("button", { name: "Ghi nhận bước" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã ghi nhận bước “Đăng ký”.");
  await expectAccessible(page);
  await screenshot(page, "org-05-drafting-organisation-step");
  await signOut(page);
  await asUser(page, "canbo", "/can-bo/ke-hoach");
  // The plan list names who runs it and how it shares out.
  await expect(page.getByRole("row", { name: new RegExp(PLAN.replace(/[()]/g, ".")) })).toContainText("Theo lĩnh vực quản lý");
  await signOut(page);

  // 3. Another department (the Sở Xây dựng's reviewer): the task's page and its API answer 404.
  await asUser(page, "ransoat-xd", `/can-bo/ra-soat/${task.id}`);
  await expect(page.getByText("Không tìm thấy.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Về danh sách nhiệm vụ rà soát" })).toBeVisible();
  await expect(page.getByTestId("task-organisation")).toHaveCount(0);
  const refused = await callApi(page, "GET", `/reviews/${task.id}/`);
  expect(refused.status).toBe(404);
  const approve = await callApi(page, "POST", `/reviews/${task.id}/approve/`, {}, 5);
  expect(approve.status).toBe(404);
  await expectAccessible(page);
  await screenshot(page, "org-04-other-department-404");
  await page.setViewportSize(PHONE);
  await screenshot(page, "org-04-other-department-404-phone");
});
