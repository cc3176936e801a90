import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expectAccessibleAtBothWidths, signIn } from "./helpers";

// Issue #14 §2, without the corpus (a clean clone runs it): a legal officer uploads a decision and then the decision
// that amends it, each a generated .docx in the real layout; the upload page shows the operations read from the
// amending one before anything is saved, none ticked; the officer ticks them ("Chọn tất cả"), saves, and the
// amended decision's text on the amendment's date holds the new wording: confirmed with the upload, not after.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BASE = "81/2026/QĐ-UBND";
const AMENDING = "82/2026/QĐ-UBND";

/** Both decisions, made by the Python tests' generator (tests/catalogue/decision_files.py). */
function decisionDocx(which: "base" | "amending"): Buffer {
  const code = `
import datetime as dt, sys
from tests.catalogue.decision_files import Decision, decision_docx
base = Decision(
    number="${BASE}", issued_on=dt.date(2026, 3, 2), bases=(),
    title_lines=("Ban hành Quy định mức thu phí thẩm định hồ sơ trên địa bàn tỉnh",),
    articles=(
        ("Điều 1. Mức thu", ("1. Hồ sơ cấp mới.", "2. Mức thu phí là 40.000 đồng/hồ sơ.")),
        ("Điều 2. Miễn phí", ("Người có công được miễn phí.",)),
        ("Điều 3. Hiệu lực thi hành", ("Quyết định này có hiệu lực thi hành kể từ ngày 12 tháng 3 năm 2026./.",)),
    ),
)
amending = Decision(
    number="${AMENDING}", issued_on=dt.date(2026, 7, 20), bases=(),
    title_lines=("Sửa đổi, bổ sung một số điều của Quyết định số ${BASE}",),
    articles=(
        ("Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số ${BASE} ngày 02 tháng 3 năm 2026", (
            "1. Sửa đổi, bổ sung khoản 2 Điều 1 như sau:",
            "“2. Mức thu phí là 50.000 đồng/hồ sơ.”.",
            "2. Bãi bỏ Điều 2.",
            "3. Sửa đổi các nội dung khác cho phù hợp.",
        )),
        ("Điều 2. Hiệu lực thi hành", ("Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm 2026./.",)),
    ),
)
sys.stdout.buffer.write(decision_docx(${which}))
`;
  return execFileSync(resolve(ROOT, ".venv/bin/python"), ["-c", code], { cwd: ROOT });
}

async function read(page: Page, which: "base" | "amending"): Promise<void> {
  await page.goto("/can-bo/van-ban/tai-len");
  await page.getByLabel("Tệp văn bản").setInputFiles({
    name: `${which}.docx`,
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: decisionDocx(which),
  });
  await page.getByRole("button", { name: "Đọc tệp" }).click();
  await expect(page.getByRole("heading", { name: "Thông tin đọc được — hãy kiểm tra trước khi lưu" })).toBeVisible();
}

test("an officer confirms the operations read from an amending decision on the upload page", async ({ page }) => {
  await page.goto("/can-bo/van-ban/tai-len");
  await signIn(page, "canbo");
  await expect(page.getByRole("heading", { name: "Tải lên văn bản (.docx hoặc .pdf)" })).toBeVisible();

  await read(page, "base");
  // A base decision amends nothing: no operations section.
  await expect(page.getByRole("region", { name: "Thao tác sửa đổi, bổ sung đọc được" })).toHaveCount(0);
  await page.getByRole("button", { name: "Xác nhận và lưu" }).click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  const base = Number(page.url().split("/").pop());

  await read(page, "amending");
  const section = page.getByRole("region", { name: "Thao tác sửa đổi, bổ sung đọc được" });
  await expect(section.getByRole("heading", { name: `Văn bản được sửa đổi: ${BASE}` })).toBeVisible();
  await expect(section).toContainText("Sửa đổi, bổ sung Khoản 2 Điều 1");
  await expect(section).toContainText("Bãi bỏ Điều 2");
  await expect(section).toContainText("Áp dụng từ ngày 01/08/2026");
  // The sentence the reader could not read is listed with its reason, to be settled on the document's page.
  const listed = section.getByRole("listitem").filter({ hasText: "3. Sửa đổi các nội dung khác cho phù hợp." });
  await expect(listed).toContainText("Cần kiểm tra");
  await expect(listed).toContainText("Không xác nhận được khi tải lên");
  await expect(listed.getByRole("checkbox")).toHaveCount(0);
  // Nothing is ticked until the officer says so.
  const each = section.getByRole("checkbox", { name: /Thao tác \d+:/ });
  await expect(each).toHaveCount(2);
  for (const box of await each.all()) await expect(box).not.toBeChecked();
  await expect(section).toContainText("Đã chọn 0/2 thao tác đề xuất để xác nhận khi lưu.");
  await section.getByRole("checkbox", { name: "Chọn tất cả đề xuất (2)" }).check();
  for (const box of await each.all()) await expect(box).toBeChecked();
  await expect(section).toContainText("Đã chọn 2/2 thao tác đề xuất để xác nhận khi lưu.");
  await section.scrollIntoViewIfNeeded();
  await expectAccessibleAtBothWidths(page, "47-upload-operations");

  await page.getByRole("button", { name: "Xác nhận và lưu" }).click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu văn bản." })).toHaveText(
    "Đã lưu văn bản. Đã xác nhận 2/2 thao tác được chọn; 1 thao tác chờ xử lý tại mục “Thao tác sửa đổi, bổ sung”.",
  );
  const card = page.getByRole("region", { name: "Thao tác sửa đổi, bổ sung" });
  await expect(card.getByText("Đã xác nhận", { exact: true }).first()).toBeVisible();
  await expect(card.getByRole("button", { name: /^Xác nhận tất cả đề xuất/ })).toHaveCount(0);

  // The amended decision's text on the amendment's date: the new wording, and Điều 2 repealed.
  await page.goto(`/van-ban/${base}?ngay=2026-08-01`);
  const text = page.getByRole("region", { name: "Toàn văn" });
  await expect(text.locator("#khoan-2-dieu-1")).toContainText("Mức thu phí là 50.000 đồng/hồ sơ.");
  await expect(text.locator("#dieu-2")).toContainText("được bãi bỏ");
  await page.goto(`/van-ban/${base}?ngay=2026-07-31`);
  await expect(page.getByRole("region", { name: "Toàn văn" }).locator("#khoan-2-dieu-1")).toContainText(
    "Mức thu phí là 40.000 đồng/hồ sơ.",
  );
});
