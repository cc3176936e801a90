import { expect, test, type Locator, type Page } from "@playwright/test";
import { callApi, expectAccessibleAtBothWidths, fillDate, signIn } from "./helpers";

// The admins' page of organisations (issue #16, decision 0023), on the demo's An Giang list: the tree with the
// 2025 mergers, a commune added, a member given a role in it, the API's refusals shown where they belong. A legal
// officer is not offered the page.

const UBND = "Ủy ban nhân dân tỉnh An Giang";
const COMMUNE = "Phường Mỹ Thới";

/** One organisation of the tree, found by its name (its list item is named by its heading). */
function organisation(page: Page, name: string): Locator {
  return page.getByRole("listitem", { name, exact: true });
}

/** The organisation's own card, without what is nested under it. */
function card(item: Locator): Locator {
  return item.locator(":scope > .org-card");
}

test("an admin reads the tree, adds a commune, gives it a member, and sees the API's refusals", async ({ page }) => {
  await page.goto("/can-bo/co-quan");
  await signIn(page, "admin");
  await expect(page.getByRole("heading", { name: "Cơ quan, đơn vị và người làm việc", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Khu vực cán bộ" }).getByRole("link", { name: "Cơ quan, đơn vị" })).toBeVisible();

  // The tree: the Sở Tư pháp and the departments under the UBND; the Sở Giao thông vận tải, merged in 2025, stays
  // under it, muted, naming its successor.
  const ubnd = organisation(page, UBND);
  for (const name of ["Sở Tư pháp tỉnh An Giang", "Sở Tài chính tỉnh An Giang", "Sở Giao thông vận tải tỉnh An Giang"]) {
    await expect(ubnd.locator(":scope > ul").getByRole("listitem", { name, exact: true })).toBeVisible();
  }
  const merged = organisation(page, "Sở Giao thông vận tải tỉnh An Giang");
  await expect(merged).toHaveClass(/ended/);
  await expect(card(merged)).toContainText("Đã sáp nhập vào Sở Xây dựng tỉnh An Giang");
  await expect(card(merged)).toContainText("Hoạt động đến 28/02/2025");
  await expect(card(organisation(page, "Sở Tài chính tỉnh An Giang"))).toContainText("Sở, ban, ngành");
  await expect(card(organisation(page, "Sở Tài chính tỉnh An Giang"))).toContainText("Lĩnh vực quản lý: Tài chính");
  await expect(card(organisation(page, "Sở Tài chính tỉnh An Giang")).getByTestId("org-member").filter({ hasText: "ransoat-tc" })).toBeVisible();
  await expect(card(organisation(page, "Sở Tư pháp tỉnh An Giang")).getByLabel("Vai trò của canbo", { exact: true })).toHaveValue("legal_officer");

  // A bad input: the API's message under its field, in both languages' order as the API sends it; nothing saved.
  await page.getByRole("button", { name: "Thêm cơ quan, đơn vị" }).click();
  const form = page.locator("form.org-form");
  await form.getByLabel("Tên cơ quan, đơn vị").fill(COMMUNE);
  await form.getByLabel("Mã", { exact: true }).fill("p-my-thoi");
  await form.getByLabel("Loại").selectOption("commune");
  await form.getByLabel("Cơ quan cấp trên").selectOption({ label: UBND });
  await fillDate(form.getByLabel("Hoạt động từ ngày"), "2025-07-01");
  await fillDate(form.getByLabel("Hoạt động đến ngày"), "2025-06-30");
  await form.getByRole("button", { name: "Thêm", exact: true }).click();
  await expect(form.locator("#org-new-until ~ .field-errors")).toContainText("Ngày kết thúc hoạt động phải sau ngày bắt đầu.");
  await expect(organisation(page, COMMUNE)).toHaveCount(0);

  // Fixed: the commune is in the tree, under the UBND.
  await form.getByLabel("Hoạt động đến ngày").fill("");
  await form.getByRole("button", { name: "Thêm", exact: true }).click();
  const commune = ubnd.locator(":scope > ul").getByRole("listitem", { name: COMMUNE, exact: true });
  await expect(commune).toBeVisible();
  await expect(card(commune)).toContainText("Cấp xã");
  await expect(card(commune)).toContainText("Hoạt động từ 01/07/2025");
  await expect(card(commune)).toContainText("Chưa có người làm việc.");

  // A member: an unknown username is the API's 400 under the field; ransoat-xd is given a role.
  await card(commune).getByText("Thêm người làm việc").click();
  await card(commune).getByLabel("Tên đăng nhập").fill("khong-co-ai");
  await card(commune).getByRole("button", { name: "Thêm", exact: true }).click();
  await expect(card(commune).locator(".org-member-form .field-errors")).toBeVisible();
  await card(commune).getByLabel("Tên đăng nhập").fill("ransoat-xd");
  await card(commune).getByLabel("Vai trò", { exact: true }).selectOption("reviewer");
  await card(commune).getByRole("button", { name: "Thêm", exact: true }).click();
  await expect(card(commune).getByTestId("org-member").filter({ hasText: "ransoat-xd" })).toBeVisible();
  await expect(card(commune).getByLabel("Vai trò của ransoat-xd", { exact: true })).toHaveValue("reviewer");
  // A role changed: canbo2 (a legal officer of the Sở Tư pháp, so the membership raises nothing) joins as a
  // reviewer, then is made the commune's legal officer; the API holds one membership for the pair.
  await card(commune).getByLabel("Tên đăng nhập").fill("canbo2");
  await card(commune).getByRole("button", { name: "Thêm", exact: true }).click();
  const role = card(commune).getByLabel("Vai trò của canbo2", { exact: true });
  await expect(role).toHaveValue("reviewer");
  await role.selectOption("legal_officer");
  await expect(role).toHaveValue("legal_officer");
  await expect(role).toBeEnabled();
  const stored = async () => {
    const answer = (await callApi(page, "GET", "/memberships/?organisation__code=p-my-thoi")).body as unknown as {
      results: { user: string; role: string }[];
    };
    return answer.results.map((m) => `${m.user}:${m.role}`).sort();
  };
  await expect.poll(stored).toEqual(["canbo2:legal_officer", "ransoat-xd:reviewer"]);
  await expectAccessibleAtBothWidths(page, "orgs-admin-tree");

  // In use: deleting the commune while it has a member is refused (409), saying what holds it.
  page.once("dialog", (dialog) => dialog.accept());
  await card(commune).getByRole("button", { name: `Sửa ${COMMUNE}` }).click();
  await card(commune).getByRole("button", { name: "Xóa cơ quan" }).click();
  await expect(card(commune).getByTestId("org-delete-error")).toContainText("Không thể xóa vì còn bản ghi tham chiếu đến: 2 người làm việc");
  await expectAccessibleAtBothWidths(page, "orgs-admin-in-use");
  await card(commune).getByRole("button", { name: "Hủy" }).click();

  // Remove the members (confirmed), then the commune goes.
  for (const user of ["ransoat-xd", "canbo2"]) {
    page.once("dialog", (dialog) => dialog.accept());
    await card(commune).getByRole("button", { name: `Bỏ ${user} khỏi cơ quan` }).click();
    await expect(card(commune).getByTestId("org-member").filter({ hasText: user })).toHaveCount(0);
  }
  await expect(card(commune)).toContainText("Chưa có người làm việc.");
  await card(commune).getByRole("button", { name: `Sửa ${COMMUNE}` }).click();
  page.once("dialog", (dialog) => dialog.accept());
  await card(commune).getByRole("button", { name: "Xóa cơ quan" }).click();
  await expect(organisation(page, COMMUNE)).toHaveCount(0);

  // In English, the same tree (names of bodies are not translated; the page's words are).
  await page.getByLabel("Ngôn ngữ").selectOption("en");
  await expect(page.getByRole("heading", { name: "Organisations and their staff", level: 1 })).toBeVisible();
  await expect(card(merged)).toContainText("Merged into Sở Xây dựng tỉnh An Giang");
  await expect(card(merged)).toContainText("Active until 28/02/2025");
});

test("a legal officer has no link to the page, and its address says not allowed", async ({ page }) => {
  await page.goto("/can-bo/co-quan");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Không có quyền dùng chức năng này", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Khu vực cán bộ" }).getByRole("link", { name: "Cơ quan, đơn vị" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Thêm cơ quan, đơn vị" })).toHaveCount(0);
  // The API refuses too: the app only hides what the API would refuse.
  expect((await callApi(page, "GET", "/memberships/")).status).toBe(403);
});
