import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expectAccessibleAtBothWidths, signIn } from "./helpers";

// A document's responsible organisation (decision 0023): the upload proposes it from the decision's "Theo đề nghị
// của Giám đốc Sở …" line, the officer changes it, the public page shows it, and the editor keeps it.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A decision proposed by the Sở Tài chính, made by the same generator as the Python tests. */
function decisionDocx(): Buffer {
  const code = `
import dataclasses, datetime as dt, sys
from tests.catalogue.decision_files import Decision, decision_docx
d = Decision(
    number="47/2026/QĐ-UBND",
    issued_on=dt.date(2026, 6, 10),
    proposer="Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 123/TTr-STC ngày 05 tháng 6 năm 2026.",
    articles=(("Điều 1. Quyết định này có hiệu lực thi hành kể từ ngày 20 tháng 6 năm 2026.", ()),),
)
sys.stdout.buffer.write(decision_docx(d))
`;
  return execFileSync(resolve(ROOT, ".venv/bin/python"), ["-c", code], { cwd: ROOT });
}

test("the upload proposes the responsible organisation, the officer changes it, the document page shows it", async ({ page }) => {
  await page.goto("/can-bo/van-ban/tai-len");
  await signIn(page, "canbo");
  await page.getByLabel("Tệp văn bản").setInputFiles({
    name: "qd-47-2026.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: decisionDocx(),
  });
  await page.getByRole("button", { name: "Đọc tệp" }).click();
  const select = page.getByLabel("Cơ quan chủ trì soạn thảo");
  await expect(select).toHaveValue("stc-ag");
  await expect(page.getByText("Văn bản ghi: “Theo đề nghị của … Sở Tài chính”")).toBeVisible();
  // Merged departments are not offered for a new document.
  await expect(select.locator("option", { hasText: "Sở Kế hoạch và Đầu tư" })).toHaveCount(0);
  await select.scrollIntoViewIfNeeded();
  await expectAccessibleAtBothWidths(page, "30-upload-responsible");

  await select.selectOption({ label: "Sở Xây dựng tỉnh An Giang" });
  await page.getByRole("button", { name: "Xác nhận và lưu" }).click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  const meta = page.locator("dl.meta");
  await expect(meta).toContainText("Cơ quan chủ trì");
  await expect(meta).toContainText("Sở Xây dựng tỉnh An Giang");
  await expectAccessibleAtBothWidths(page, "31-document-responsible");

  // The editor shows it and keeps it through a save; "— Không ghi —" clears it.
  const id = page.url().split("/").pop();
  await page.goto(`/can-bo/van-ban/${id}/sua`);
  await expect(page.getByLabel("Cơ quan chủ trì soạn thảo")).toHaveValue("sxd-ag");
  await expectAccessibleAtBothWidths(page, "32-editor-responsible");
  await page.getByLabel("Cơ quan chủ trì soạn thảo").selectOption({ label: "— Không ghi —" });
  await page.getByRole("button", { name: "Lưu văn bản" }).click();
  await expect(page).toHaveURL(new RegExp(`/van-ban/${id}$`));
  await expect(page.locator("dl.meta")).not.toContainText("Cơ quan chủ trì");
});
