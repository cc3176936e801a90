import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, screenshot } from "./helpers";

// Issue #12, section 3: what a public reader hit. Each test here fails on the main branch before the fix.

const SEARCH = "Tìm văn bản theo số ký hiệu, trích yếu hoặc nội dung";

async function openDocument(page: Page, number: string): Promise<void> {
  await page.goto(`/?q=${encodeURIComponent(number)}`);
  await page.locator(".hit-number", { hasText: number }).first().click();
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  await expect(page.locator(".document-type")).toContainText(number);
}

test("going to the replacing document never shows the replaced one's status while it loads", async ({ page }) => {
  await openDocument(page, "08/2021/NQ-HĐND");
  const validity = page.getByTestId("validity").first();
  await expect(validity).toContainText("Bị thay thế");
  await page.getByLabel("Ngày cần kiểm tra").fill("01/01/2026");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByTestId("check-answer")).toContainText("Hết hiệu lực");
  const href = await validity.getByRole("link", { name: "03/2025/NQ-HĐND" }).getAttribute("href");
  const nextId = href!.split("/").pop();
  // Hold the next document's status back until the page has been looked at.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/v1/documents/${nextId}/status/**`, async (route) => {
    await held;
    await route.continue();
  });
  await validity.getByRole("link", { name: "03/2025/NQ-HĐND" }).click();
  await expect(page.locator(".document-type")).toContainText("03/2025/NQ-HĐND");
  // The first document's answer ("replaced by 03/2025", i.e. by itself) must not stand under the new title.
  await expect(page.getByTestId("validity")).toHaveCount(0);
  await expect(page.getByText("Văn bản tác động")).toHaveCount(0);
  await expect(page.getByTestId("check-answer")).toHaveCount(0); // nor its answer to the date check
  release();
  await expect(page.getByTestId("validity").first()).toBeVisible();
  await expect(page.getByTestId("validity").first().getByRole("link", { name: "03/2025/NQ-HĐND" })).toHaveCount(0);
});

test("dates are dd/mm/yyyy: typed, checked, refused when impossible, printed", async ({ page }) => {
  await openDocument(page, "08/2021/NQ-HĐND");
  const meta = page.locator(".meta");
  await expect(meta.locator("dd").nth(4)).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
  const date = page.getByLabel("Ngày cần kiểm tra");
  await expect(date).toHaveAttribute("type", "text");
  await date.fill("15/03/2023");
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByTestId("check-answer")).toContainText("Vào ngày 15/03/2023: Còn hiệu lực");
  await date.fill("31/02/2026");
  await expect(page.getByRole("alert")).toHaveText("Không có ngày 31/02/2026 trong lịch: hãy kiểm tra ngày và tháng.");
  await expect(date).toHaveAttribute("aria-invalid", "true");
  let asked = false;
  page.on("request", (request) => {
    if (request.url().includes("/status/?on=")) asked = true;
  });
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  // The form refuses the date: nothing is asked, the last answer stays for its own date.
  await expect(page.getByTestId("check-answer")).toContainText("15/03/2023");
  expect(asked).toBe(false);
  await expectAccessible(page);

  // The search's "status on a date" filter takes the same form and puts ISO in the address.
  await page.goto("/");
  await page.getByLabel("Tình trạng vào ngày").fill("01/01/2024");
  await expect(page).toHaveURL(/on=2024-01-01/);
  await expect(page.getByLabel("Tình trạng vào ngày")).toHaveValue("01/01/2024");
});

test("the search box suggests documents as you type, from the keyboard", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: SEARCH });
  await box.pressSequentially("08/2021", { delay: 40 });
  const list = page.getByRole("listbox", { name: "Gợi ý văn bản" });
  await expect(list).toBeVisible();
  await expect(list.getByRole("option").first()).toContainText("08/2021");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expectAccessible(page);
  await screenshot(page, "15-suggestions");
  await page.keyboard.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  const chosen = (await list.getByRole("option").first().locator(".suggestion-number").textContent())!;
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/van-ban\/\d+$/);
  await expect(page.locator(".document-type")).toContainText(chosen);
});

test("the full text puts clause and point numbers on the line of their text", async ({ page }) => {
  await openDocument(page, "01/2026/QĐ-UBND");
  const clause = page.locator(".node-clause > p").first();
  await expect(clause).toHaveText(/^1\. \S/);
  const point = page.locator(".node-point > p").first();
  await expect(point).toHaveText(/^a\) \S/);
});

test("the relations diagram groups by kind, folds long groups and reads on a phone", async ({ page }) => {
  await openDocument(page, "08/2021/NQ-HĐND");
  const graph = page.getByRole("group", { name: /Lược đồ quan hệ của văn bản 08\/2021\/NQ-HĐND/ });
  const replacing = graph.getByRole("region", { name: /^Văn bản thay thế \(1\)$/ });
  await expect(replacing.getByRole("link", { name: "03/2025/NQ-HĐND" })).toBeVisible();
  await expect(replacing.locator(".badge")).toHaveText(/hiệu lực/); // the status in words
  await expect(graph.getByRole("region", { name: /^Văn bản căn cứ \(\d+\)$/ })).toBeVisible();
  await expectAccessible(page);

  // The Law on legal documents is the basis of many: the group is folded.
  await openDocument(page, "80/2015/QH13");
  const based = page.getByRole("region", { name: /^Văn bản được căn cứ \(\d+\)$/ });
  await expect(based.getByRole("link")).toHaveCount(5);
  const more = based.getByRole("button", { name: /^Xem thêm \d+ văn bản$/ });
  await more.click();
  await expect(based.getByRole("link").nth(5)).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  const boxes = await page.locator(".graph-group").evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().left));
  expect(new Set(boxes.map(Math.round)).size).toBe(1); // one column
  await expectAccessible(page);
  await screenshot(page, "16-relations-phone");
});

test("the published list words reasons as the .docx and shows whole titles", async ({ page }) => {
  await page.goto("/danh-muc");
  await page.getByRole("link", { name: /năm 2025/ }).first().click();
  await expect(page.getByTestId("list-row").first()).toBeVisible();
  await expect(page.getByTestId("list-row").filter({ hasText: /Bị thay thế bởi văn bản số \S+/ }).first()).toBeVisible();
  // No title is cut: every title cell ends as its document's title does (no ellipsis, nothing hidden).
  const clipped = await page.locator(".title-cell").evaluateAll((cells) =>
    cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1 || /…$/.test(cell.textContent ?? "")).length,
  );
  expect(clipped).toBe(0);
});

const PUBLIC_PAGES = ["/", "/?q=ngan+sach", "/danh-muc", "/he-thong-hoa?from=2021&to=2025", "/can-bo/dang-nhap", "/khong-co-trang-nay"];

test("on a phone: no sideways scrolling, one h1, a title per page, filters first, a compact header", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const visit = async (path: string) => {
    await page.goto(path);
    await expect(page.locator("h1")).toHaveCount(1);
    await page.waitForLoadState("networkidle");
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(width, `${path} scrolls sideways`).toBeLessThanOrEqual(390);
    const title = await page.title();
    expect(title, path).toMatch(/ — Hiệu Lực$/);
    await expectAccessible(page);
    return title;
  };
  const titles = new Set<string>();
  for (const path of PUBLIC_PAGES) titles.add(await visit(path));
  await page.goto("/danh-muc");
  await page.getByRole("link", { name: /năm 2025/ }).first().click();
  titles.add(await visit(page.url()));
  await openDocument(page, "08/2021/NQ-HĐND");
  titles.add(await visit(page.url()));
  await openDocument(page, "01/2026/QĐ-UBND");
  titles.add(await visit(page.url()));
  expect(titles.size).toBe(PUBLIC_PAGES.length + 3);

  // The header: the name and the language on one line, the menu on the next.
  await page.goto("/");
  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(100);
  const tops = await page.locator(".main-nav a").evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);

  // Filters before the results, folded; a link skips to the results.
  const toggle = page.getByRole("button", { name: /^Bộ lọc/ });
  await expect(page.getByText(/\d+ văn bản/).first()).toBeVisible();
  const [toggleBox, resultsBox] = [await toggle.boundingBox(), await page.locator("#results").boundingBox()];
  expect(toggleBox!.y).toBeLessThan(resultsBox!.y);
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("group", { name: "Tình trạng hiệu lực" })).toBeHidden();
  await toggle.click();
  await expect(page.getByRole("group", { name: "Tình trạng hiệu lực" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "17-search-phone-filters");
  const skip = page.getByRole("link", { name: "Chuyển đến kết quả" });
  await skip.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#results")).toBeFocused();

  // In English the titles are English.
  await page.getByLabel("Ngôn ngữ").selectOption("en");
  await expect(page).toHaveTitle("Find legal documents — Hiệu Lực");
  await page.getByLabel("Language").selectOption("vi");
  await expect(page).toHaveTitle("Tra cứu văn bản quy phạm pháp luật — Hiệu Lực");
});

test("the not-found pages link back", async ({ page }) => {
  await page.goto("/khong-co-trang-nay");
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Về trang tra cứu" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/van-ban/99999999");
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy văn bản" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Về trang tra cứu" })).toBeVisible();
  await expect(page).toHaveTitle("Không tìm thấy văn bản — Hiệu Lực");
});
