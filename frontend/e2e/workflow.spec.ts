import { expect, test, type Locator, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expectAccessibleAtBothWidths, fillDate, signIn } from "./helpers";

// Issue #12's journey, each step by the role that does it in a Department of Justice: a legal officer plans a
// review and assigns it → the reviewer reviews and submits → the officer is told, and approves → the reviewer is
// told → the officer records every drafting step of the recommendation → uploading the decision that carries it
// out (a real-layout .docx) resolves it. Every page on the way passes axe-core at 1366×900 and 390×844.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// A decision of the former UBND tỉnh An Giang in the demo data, the only Quyết định of that authority in 2008.
const TARGET = "24/2008/QĐ-UBND";
const CARRIER = "89/2026/QĐ-UBND";

/** The repealing decision, in the real layout, made by the same generator as the Python tests. */
function repealingDocx(): Buffer {
  const code = `
import dataclasses, datetime as dt, sys
from tests.catalogue.decision_files import Decision, decision_docx
target = "Quyết định số ${TARGET} ngày 21 tháng 7 năm 2008 của Ủy ban nhân dân tỉnh An Giang"
d = Decision(
    number="${CARRIER}",
    issued_on=dt.date(2026, 6, 15),
    title_lines=("Bãi bỏ " + target + " về chế độ phụ cấp đối với lực lượng bảo vệ dân phố",),
    bases=Decision().bases[:3],
    proposer="Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 01 tháng 6 năm 2026.",
    articles=(
        ("Điều 1. Bãi bỏ " + target + " về chế độ phụ cấp đối với lực lượng bảo vệ dân phố.", ()),
        ("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 25 tháng 6 năm 2026.", ()),
        (
            "Điều 3. Trách nhiệm thi hành",
            ("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./.",),
        ),
    ),
)
sys.stdout.buffer.write(decision_docx(d))
`;
  return execFileSync(resolve(ROOT, ".venv/bin/python"), ["-c", code], { cwd: ROOT });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
}

/** Open a workspace page as `username` (the app asks for the sign-in, then comes back). */
async function openAs(page: Page, path: string, username: string): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/can-bo\/dang-nhap$/);
  await signIn(page, username);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
}

/** The recommendation's "update" panel on the board, opened. */
async function openPanel(card: Locator): Promise<void> {
  const details = card.locator("details");
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await card.getByText("Cập nhật tiến độ", { exact: true }).click();
  }
}

test("plan → assign → review → notified → approve → notified → drafting steps → the carrying decision resolves it", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });

  // 1. The legal officer plans a review; the scope is counted before the plan is made.
  await openAs(page, "/can-bo/ke-hoach", "canbo");
  await expect(page.getByRole("heading", { name: "Kế hoạch rà soát", level: 1 })).toBeVisible();
  await page.getByLabel("Tên kế hoạch").fill(`Rà soát Quyết định số ${TARGET} về phụ cấp bảo vệ dân phố`);
  await page.getByLabel("Loại rà soát").selectOption("thematic");
  await fillDate(page.getByLabel("Thời hạn hoàn thành"), "2026-12-31");
  await page.getByLabel("Cơ quan ban hành").selectOption("UBND-AG-OLD");
  await page.getByLabel("Loại văn bản").selectOption("quyet-dinh");
  await page.getByLabel("Năm ban hành").fill("2008");
  await expect(page.getByTestId("plan-count")).toHaveText("Kế hoạch sẽ gồm 1 văn bản (mỗi văn bản một nhiệm vụ rà soát).");
  await expectAccessibleAtBothWidths(page, "20-plan-new");
  await page.getByRole("button", { name: "Lập kế hoạch" }).click();
  await expect(page).toHaveURL(/\/can-bo\/ke-hoach\/\d+$/);
  await expect(page.getByRole("status")).toHaveText("Đã lập kế hoạch với 1 nhiệm vụ.");

  // …and assigns the task to the reviewer.
  await page.getByLabel(`Chọn nhiệm vụ rà soát ${TARGET}`).check();
  await page.getByLabel("Giao các nhiệm vụ đã chọn cho").selectOption("ransoat");
  await page.getByRole("button", { name: "Giao việc" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã giao 1 nhiệm vụ cho ransoat.");
  await expect(page.getByTestId("plan-task").filter({ hasText: TARGET })).toContainText("ransoat");
  await expectAccessibleAtBothWidths(page, "21-plan-assigned");
  await signOut(page);

  // 2. The reviewer finds it among their tasks, reviews it and submits it.
  await openAs(page, "/can-bo/ra-soat", "ransoat");
  await page.getByTestId("task-row").getByRole("link", { name: TARGET }).click();
  await expect(page.getByRole("heading", { name: `Rà soát văn bản ${TARGET}` })).toBeVisible();
  await page.getByRole("button", { name: "Bắt đầu rà soát" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã bắt đầu rà soát.");
  await page.getByLabel("Kết quả").selectOption("repeal");
  await page.getByLabel("Nhận xét, đánh giá").fill("Chế độ phụ cấp nay do Nghị quyết của HĐND tỉnh quy định; đề nghị bãi bỏ.");
  await page.getByLabel("Căn cứ rà soát").fill("Luật Ban hành văn bản quy phạm pháp luật 2025; Nghị định 79/2025/NĐ-CP");
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã gửi duyệt. Cán bộ pháp chế được thông báo để duyệt.");
  await expect(page.getByText("Chờ duyệt", { exact: true })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "22-review-submitted");
  await signOut(page);

  // 3. The officer is told: the menu counts the unread notice, the notice links to the review…
  await openAs(page, "/can-bo/thong-bao", "canbo");
  await expect(page.getByRole("link", { name: /^Thông báo, \d+ chưa đọc$/ })).toBeVisible();
  const asked = page.getByTestId("notice").filter({ hasText: `Kết quả rà soát văn bản ${TARGET} (ransoat) đang chờ duyệt.` });
  await expect(asked).toBeVisible();
  await expectAccessibleAtBothWidths(page, "23-notices-officer");
  // …and "Việc của tôi" holds it too, marked as waiting for this officer's approval.
  await page.goto("/can-bo/ra-soat");
  const row = page.getByTestId("task-row").filter({ hasText: TARGET });
  await expect(row).toContainText("Chờ bạn duyệt");
  await expectAccessibleAtBothWidths(page, "24-my-tasks-officer");
  await page.goto("/can-bo/thong-bao");
  await asked.getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Rà soát văn bản ${TARGET}` })).toBeVisible();
  await page.getByLabel("Ý kiến của người duyệt").fill("Đồng ý; giao Sở Nội vụ soạn thảo quyết định bãi bỏ.");
  await page.getByRole("button", { name: "Duyệt", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Đã duyệt kết quả rà soát và mở kiến nghị xử lý. Người rà soát được thông báo.",
  );
  await expect(page.getByText("Đã duyệt", { exact: true })).toBeVisible();
  // The request was this officer's only unread notice: the menu no longer counts it.
  await expect(page.getByRole("link", { name: "Thông báo", exact: true })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "25-review-approved");
  // The request for approval is done: no longer unread; listed as done.
  await page.goto("/can-bo/thong-bao");
  await expect(asked).toHaveCount(0);
  await page.getByLabel("Hiện cả thông báo đã đọc, đã xong").check();
  await expect(asked).toContainText("Đã xong");
  await signOut(page);

  // 4. The reviewer is told of the approval.
  await openAs(page, "/can-bo/thong-bao", "ransoat");
  await expect(page.getByRole("link", { name: /^Thông báo, \d+ chưa đọc$/ })).toBeVisible();
  await expect(page.getByTestId("notice").filter({ hasText: `Kết quả rà soát văn bản ${TARGET} đã được duyệt.` })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "26-notices-reviewer");
  await signOut(page);

  // 5. The officer sets the drafting body and deadline, then records every drafting step.
  await openAs(page, "/can-bo/kien-nghi", "canbo");
  const card = page.getByTestId("recommendation").filter({ hasText: TARGET });
  await expect(page.getByRole("region", { name: /Chưa triển khai/ }).getByTestId("recommendation").filter({ hasText: TARGET })).toBeVisible();
  await openPanel(card);
  await card.getByLabel("Cơ quan soạn thảo").fill("Sở Nội vụ");
  await fillDate(card.getByLabel("Hạn xử lý"), "2026-12-31");
  await card.getByRole("button", { name: "Lưu cơ quan soạn thảo và hạn xử lý" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã lưu cơ quan soạn thảo và hạn xử lý.");
  await expect(card).toContainText("Cơ quan soạn thảo: Sở Nội vụ");
  await expectAccessibleAtBothWidths(page, "27-board-panel");
  const steps: [string, string, string, string][] = [
    ["registration", "Đăng ký", "120/SNV-XDCQ", "2026-07-01"],
    ["approval", "Chấp thuận", "2150/UBND-NC", "2026-07-10"],
    ["consultation", "Lấy ý kiến", "135/SNV-XDCQ", "2026-07-20"],
    ["appraisal", "Thẩm định", "88/BC-STP", "2026-08-05"],
    ["submission", "Trình", "160/TTr-SNV", "2026-08-15"],
    ["issuance", "Ban hành", CARRIER, "2026-08-25"],
  ];
  for (const [kind, label, reference, on] of steps) {
    await openPanel(card);
    await card.getByLabel("Bước", { exact: true }).selectOption(kind);
    await card.getByLabel("Số văn bản", { exact: true }).fill(reference);
    await fillDate(card.getByLabel("Ngày", { exact: true }), on);
    await card.getByRole("button", { name: "Ghi nhận bước" }).click();
    await expect(page.getByRole("status")).toHaveText(`Đã ghi nhận bước “${label}”.`);
    await expect(page.getByRole("region", { name: new RegExp(`^${label} \\d+$`) }).getByTestId("recommendation").filter({ hasText: TARGET })).toBeVisible();
  }
  await expect(card.getByRole("list", { name: "Các bước đã thực hiện" }).getByRole("listitem")).toHaveCount(6);
  await expect(card).toContainText("Đang xử lý");
  await expectAccessibleAtBothWidths(page, "28-board-steps");

  // 6. Uploading the decision that repeals the document resolves the recommendation by itself.
  await page.goto("/can-bo/van-ban/tai-len");
  await page.getByLabel("Tệp văn bản").setInputFiles({
    name: "qd-89-2026-bai-bo.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: repealingDocx(),
  });
  await page.getByRole("button", { name: "Đọc tệp" }).click();
  await expect(page.getByRole("heading", { name: "Thông tin đọc được — hãy kiểm tra trước khi lưu" })).toBeVisible();
  await expect(page.getByLabel("Số ký hiệu")).toHaveValue(CARRIER);
  await expect(page.getByText(TARGET).first()).toBeVisible();
  await expectAccessibleAtBothWidths(page, "29-upload-repeal");
  await page.getByRole("button", { name: "Xác nhận và lưu" }).click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  await expectAccessibleAtBothWidths(page, "30-carrying-decision");

  await page.goto("/can-bo/kien-nghi");
  await page.getByLabel("Hiện cả kiến nghị đã xử lý, đã rút").check();
  await expect(card.getByTestId("rec-status")).toContainText("Đã xử lý");
  await expect(card.getByRole("link", { name: `Đã xử lý bằng ${CARRIER}` })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "31-board-resolved");

  // 7. The dashboard's figures agree with its chart, counted by the report's rule (the year the task is due).
  await page.goto("/can-bo?year=2026");
  await expect(page.getByTestId("counted-by")).toContainText("tính theo hạn của nhiệm vụ rà soát");
  const reviewed = page.getByTestId("figures").locator("div").filter({ hasText: "Văn bản đã rà soát" }).locator("dd");
  await expect(reviewed).not.toHaveText("0");
  const approved = page.getByTestId("chart-states").locator("tr").filter({ hasText: "Đã duyệt" }).locator("td");
  await expect(approved).toHaveText((await reviewed.textContent())!.trim());
  await expectAccessibleAtBothWidths(page, "32-dashboard");
});

test("a returned review: the page says so, and the reviewer is told why", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  // The reviewer submits one of the demo plan's tasks.
  await openAs(page, "/can-bo/ra-soat?state=assigned", "ransoat");
  const link = page.getByTestId("task-row").first().getByRole("link");
  const number = (await link.textContent())!.trim();
  await link.click();
  await page.getByRole("button", { name: "Bắt đầu rà soát" }).click();
  await page.getByLabel("Kết quả").selectOption("keep");
  await page.getByRole("button", { name: "Gửi duyệt" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã gửi duyệt. Cán bộ pháp chế được thông báo để duyệt.");
  const url = page.url();
  await signOut(page);

  // The officer returns it with a reason; a return needs one (the message shows at the field).
  await openAs(page, new URL(url).pathname, "canbo2");
  await page.getByRole("button", { name: "Trả lại" }).click();
  await expect(page.locator("#comment ~ .field-errors")).toBeVisible();
  await page.getByLabel("Ý kiến của người duyệt").fill("Cần nêu căn cứ rà soát.");
  await page.getByRole("button", { name: "Trả lại" }).click();
  await expect(page.getByRole("status")).toHaveText("Đã trả lại kết quả rà soát cho người rà soát, kèm ý kiến.");
  await expect(page.getByText("Bị trả lại", { exact: true })).toBeVisible();
  await expectAccessibleAtBothWidths(page, "33-review-returned");
  await signOut(page);

  await openAs(page, "/can-bo/thong-bao", "ransoat");
  await expect(page.getByRole("link", { name: /^Thông báo, \d+ chưa đọc$/ })).toBeVisible();
  await expect(
    page.getByTestId("notice").filter({ hasText: `Kết quả rà soát văn bản ${number} bị trả lại: Cần nêu căn cứ rà soát.` }),
  ).toBeVisible();
});
