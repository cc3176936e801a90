import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { callApi, DESKTOP, expectAccessible, PHONE, screenshot, signIn } from "./helpers";

// Issue #16, watching (part 2): a citizen, not signed in, follows a decision from its page and confirms by the
// e-mail; a legal officer records the decision that replaces it from a date; the daily pass of that date sends one
// digest; the decision's Atom feed holds the entry; the digest's unsubscribe link works (page → button → done),
// and after that a new change of the decision sends that address nothing.
//
// The e-mails are the console backend's (the service's default): the service prints the confirmation to its log
// (frontend/test-results/server.log, scripts/e2e-server.sh), and the daily pass, run here as the command
// `hieuluc apply_transitions --on <date>` on the service's data folder, prints the digest to its own output.
// Its own four decisions, so no other test's documents are touched.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PORT = Number(process.env.HIEULUC_E2E_PORT ?? 8799);
const SERVER_LOG = resolve(ROOT, "frontend/test-results/server.log");
const FOLLOWED = "140/2026/QĐ-UBND";
const REPLACING = "141/2026/QĐ-UBND";
const AMENDING = "142/2026/QĐ-UBND";
const DRAFT = "143/2026/QĐ-UBND";
const ADDRESS = "nguoi.dan.theo.doi@example.vn";

/** A day `days` from today, as YYYY-MM-DD: the replacement takes effect in the future, so only the daily pass of
 * that day changes the status. */
function daysFromNow(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
}

/** `hieuluc <args>` on the service's data (the folder scripts/e2e-server.sh wrote down), as the service is set up;
 * its output, which holds every e-mail it sent (console backend). */
function hieuluc(...args: string[]): string {
  const data = readFileSync(resolve(ROOT, `frontend/test-results/data-dir-${PORT}`), "utf8").trim();
  const env: NodeJS.ProcessEnv = { ...process.env, HIEULUC_DATA_DIR: data, HIEULUC_SITE_URL: `http://127.0.0.1:${PORT}` };
  for (const name of ["DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_BACKEND"]) delete env[name];
  // Its log lines (stderr) stay out of the test's output; a failure shows them (execFileSync's error has them).
  return execFileSync(resolve(ROOT, ".venv/bin/hieuluc"), args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] }).toString();
}

/** The daily pass of `on` (the beat's catalogue.apply_due_transitions, by its command). */
function dailyPass(on: string): string {
  return hieuluc("apply_transitions", "--on", on);
}

/** The daily digest run of `on` (the beat's watching.send_digests, run by name through the backend's one way to
 * enqueue: in-process here, as the embedded default has no broker; the project has no command for it). */
function dailyDigests(on: string): string {
  const code = `from backend.core.tasks import enqueue; enqueue("watching.send_digests", ${JSON.stringify(on)})`;
  return hieuluc("shell", "-c", code);
}

/** The e-mails to `address` in a console backend's output (each message ends with a line of 79 dashes), their
 * folded header lines joined. */
function mailsTo(output: string, address = ADDRESS): string[] {
  return output
    .split(/^-{79}$/m)
    .map((message) => {
      const end = message.search(/\n\r?\n/);
      const head = end < 0 ? message : message.slice(0, end);
      return head.replace(/[ \t]*\r?\n[ \t]+/g, " ") + (end < 0 ? "" : message.slice(end));
    })
    .filter((message) => new RegExp(`^To: ${address.replace(/\./g, "\\.")}$`, "m").test(message));
}

/** The app's link of kind `page` ("xac-nhan", "huy") in a message, as a path on this service. */
function appLink(message: string, page: string): string {
  const match = new RegExp(`https?://[^/\\s]+(/theo-doi/${page}\\?token=[^\\s]+)`).exec(message);
  expect(match, message).not.toBeNull();
  return match![1];
}

async function post(page: Page, path: string, body: unknown): Promise<number> {
  const answer = await callApi(page, "POST", path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.id;
}

test("a citizen follows a decision, confirms by e-mail, gets one digest when its replacement takes effect, unsubscribes", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const effective = daysFromNow(10);
  const later = daysFromNow(20);

  // The legal officer, in a browser of their own, catalogues the decision the citizen will follow.
  const officerContext = await browser.newContext({ viewport: DESKTOP });
  const officer = await officerContext.newPage();
  await officer.goto("/can-bo/dang-nhap");
  await signIn(officer, "canbo");
  await expect(officer.getByRole("link", { name: "Khu vực cán bộ" })).toBeVisible();
  const decision = { type: "quyet-dinh", issuer: "UBND-AG" };
  const followed = await post(officer, "/documents/", {
    ...decision,
    number: FOLLOWED,
    issued_on: "2026-02-02",
    effective_from: "2026-02-15",
    title: "Ban hành Quy định về quản lý chợ trên địa bàn tỉnh An Giang",
  });

  // 1. The citizen opens the decision's page: the feed is offered, and the follow form opens from its button.
  await page.setViewportSize(DESKTOP);
  await page.goto(`/van-ban/${followed}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ban hành Quy định về quản lý chợ trên địa bàn tỉnh An Giang");
  const feed = page.getByRole("link", { name: /^Atom/ }).first();
  await expect(feed).toHaveAttribute("href", `/feeds/documents/${followed}.atom`);
  await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    "href",
    `/feeds/documents/${followed}.atom`,
  );
  await page.getByRole("button", { name: "Theo dõi văn bản" }).click();
  const form = page.getByRole("form", { name: "Nhận thông báo qua e-mail" });
  await expect(form.getByLabel(`Văn bản này (${FOLLOWED})`)).toBeChecked();
  // A mistyped address: the API's message shows under the field, and the form stays.
  await form.getByLabel("Địa chỉ e-mail").fill("nguoi.dan.theo.doi@");
  await form.getByRole("button", { name: "Đăng ký theo dõi" }).click();
  await expect(form.getByLabel("Địa chỉ e-mail")).toHaveAttribute("aria-invalid", "true");
  await expect(form.locator(".field-errors")).toContainText("e-mail");
  await expectAccessible(page);
  await screenshot(page, "90-follow-form");
  await page.setViewportSize(PHONE);
  await screenshot(page, "90-follow-form-phone");
  await page.setViewportSize(DESKTOP);
  await form.getByLabel("Địa chỉ e-mail").fill(ADDRESS);
  await form.getByRole("button", { name: "Đăng ký theo dõi" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Kiểm tra hộp thư để xác nhận" })).toContainText(ADDRESS);

  // 2. The confirmation e-mail (the service's log) links to the app's page, which confirms once.
  let confirmation = "";
  await expect
    .poll(() => {
      confirmation = mailsTo(readFileSync(SERVER_LOG, "utf8")).find((message) => message.includes("/theo-doi/xac-nhan?token=")) ?? "";
      return confirmation !== "";
    }, { timeout: 20_000 })
    .toBe(true);
  await page.goto(appLink(confirmation, "xac-nhan"));
  await expect(page.getByRole("heading", { name: "Xác nhận theo dõi", level: 1 })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Đã xác nhận theo dõi: `);
  await expect(page.getByRole("status")).toContainText(FOLLOWED);
  await expectAccessible(page);
  await screenshot(page, "91-follow-confirmed");
  await page.setViewportSize(PHONE);
  await screenshot(page, "91-follow-confirmed-phone");
  await page.setViewportSize(DESKTOP);

  // 3. The officer records the decision that replaces it from `effective`; nothing changes before that day.
  const replacing = await post(officer, "/documents/", {
    ...decision,
    number: REPLACING,
    issued_on: daysFromNow(0),
    effective_from: effective,
    title: `Ban hành Quy định về quản lý chợ, thay thế Quyết định số ${FOLLOWED}`,
  });
  await post(officer, "/relations/", { source: replacing, target: followed, kind: "replaces", effective_on: effective });
  // Recording the replacement is news itself (issue #16: "it is amended, replaced or repealed"): today's digest.
  const digestsIn = (output: string) => mailsTo(output).filter((message) => /^List-Unsubscribe:/m.test(message));
  await expect.poll(() => digestsIn(readFileSync(SERVER_LOG, "utf8")).length, { timeout: 20_000 }).toBe(1);
  const recorded = digestsIn(readFileSync(SERVER_LOG, "utf8"))[0];
  expect(recorded).toContain(`bị thay thế bởi văn bản ${REPLACING}`);
  const mailsBefore = mailsTo(readFileSync(SERVER_LOG, "utf8")).length; // the confirmation and that digest

  // 4. The daily pass of that day: the decision expires, and exactly one digest goes to the citizen.
  const pass = dailyPass(effective);
  const digests = [...mailsTo(pass), ...mailsTo(readFileSync(SERVER_LOG, "utf8")).slice(mailsBefore)];
  expect(digests, pass).toHaveLength(1);
  const digest = digests[0];
  expect(digest).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/api\/v1\/watching\/unsubscribe\/\?token=/m);
  expect(digest).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  expect(digest).toContain(`Còn hiệu lực → Hết hiệu lực toàn bộ từ ngày ${effective.split("-").reverse().join("/")}`);
  expect(digest).toContain(REPLACING);
  // The stored status the pass recorded (not the engine's answer for a date, which needs no pass).
  const stored = await page.request.get(`/api/v1/documents/${followed}/`);
  expect(((await stored.json()) as { status: string }).status).toBe("expired");

  // 5. The decision's Atom feed holds the entry (public, no sign-in).
  const atom = await page.request.get(`/feeds/documents/${followed}.atom`);
  expect(atom.status()).toBe(200);
  expect(atom.headers()["content-type"]).toContain("application/atom+xml");
  const entries = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    return [...doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")].map((entry) => ({
      id: entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id")[0]?.textContent ?? "",
      title: entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title")[0]?.textContent ?? "",
    }));
  }, await atom.text());
  expect(entries.length, JSON.stringify(entries)).toBeGreaterThanOrEqual(1);
  expect(entries.every((entry) => entry.id.startsWith("tag:")), JSON.stringify(entries)).toBe(true);
  expect(entries.map((entry) => entry.title).join("\n")).toContain(FOLLOWED);

  // 6. The digest's unsubscribe link: opening the page changes nothing; the button unsubscribes.
  await page.goto(appLink(digest, "huy"));
  await expect(page.getByRole("heading", { name: "Huỷ theo dõi", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "92-unsubscribe");
  await page.setViewportSize(PHONE);
  await screenshot(page, "92-unsubscribe-phone");
  await page.setViewportSize(DESKTOP);
  await page.getByRole("button", { name: "Huỷ theo dõi" }).click();
  await expect(page.getByRole("heading", { name: "Đã huỷ theo dõi", level: 1 })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Đã huỷ theo dõi");
  await expectAccessible(page);
  await screenshot(page, "93-unsubscribed");

  // 7. A further change of the decision (a relation recorded today, when the day's digest has gone) reaches the
  //    feed, and would go in a later day's digest run; it sends the unsubscribed address nothing. The pass of the
  //    replacement's day run again sends nothing either.
  const amending = await post(officer, "/documents/", {
    ...decision,
    number: AMENDING,
    issued_on: daysFromNow(0),
    effective_from: later,
    title: `Sửa đổi, bổ sung một số điều của Quyết định số ${FOLLOWED}`,
  });
  await post(officer, "/relations/", { source: amending, target: followed, kind: "amends", effective_on: later });
  expect(mailsTo(dailyPass(effective))).toEqual([]);
  expect(mailsTo(dailyPass(later))).toEqual([]);
  expect(mailsTo(dailyDigests(later))).toEqual([]);
  expect(mailsTo(readFileSync(SERVER_LOG, "utf8")).length).toBe(mailsBefore);
  const after = await page.request.get(`/feeds/documents/${followed}.atom`);
  expect((await after.text()).match(/<entry/g)?.length ?? 0).toBeGreaterThan(entries.length);

  // A draft (staff see it on its page) cannot be followed and has no feed: neither is offered.
  const draft = await post(officer, "/documents/", {
    ...decision,
    number: DRAFT,
    issued_on: daysFromNow(0),
    effective_from: later,
    title: "Dự thảo quy định về quản lý chợ",
    published: false,
  });
  await officer.goto(`/van-ban/${draft}`);
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("Dự thảo quy định về quản lý chợ");
  await expect(officer.getByRole("button", { name: "Theo dõi văn bản" })).toHaveCount(0);
  await expect(officer.locator('head link[rel="alternate"]')).toHaveCount(0);
  expect((await officer.request.get(`/feeds/documents/${draft}.atom`)).status()).toBe(404);
  await officerContext.close();
});

test("a reader follows a search from the search page and confirms it", async ({ page }) => {
  const address = "theo.doi.tim.kiem@example.vn";
  await page.setViewportSize(DESKTOP);
  await page.goto("/?q=ph%C3%AD&issuer=UBND-AG");
  await expect(page.locator(".result-count")).toBeVisible();
  await page.getByRole("button", { name: "Theo dõi tìm kiếm này" }).click();
  const form = page.getByRole("form", { name: "Nhận thông báo qua e-mail" });
  const search = form.getByLabel(/^Văn bản mới phù hợp với tìm kiếm: “phí”; /);
  await expect(search).toBeChecked();
  await expect(form.getByLabel(/^Văn bản mới của /)).not.toBeChecked();
  await expect(form).toContainText("trích yếu");
  await form.getByLabel("Địa chỉ e-mail").fill(address);
  await expectAccessible(page);
  await screenshot(page, "94-follow-search");
  await page.setViewportSize(PHONE);
  await screenshot(page, "94-follow-search-phone");
  await page.setViewportSize(DESKTOP);
  await form.getByRole("button", { name: "Đăng ký theo dõi" }).click();
  // The API took the saved search (a target it could not run would be a 400 under the form).
  await expect(page.getByRole("status").filter({ hasText: "Kiểm tra hộp thư để xác nhận" })).toContainText(address);

  let confirmation = "";
  await expect
    .poll(() => {
      confirmation =
        mailsTo(readFileSync(SERVER_LOG, "utf8"), address).find((message) => message.includes("/theo-doi/xac-nhan?token=")) ?? "";
      return confirmation !== "";
    }, { timeout: 20_000 })
    .toBe(true);
  await page.goto(appLink(confirmation, "xac-nhan"));
  await expect(page.getByRole("status")).toHaveText("Đã xác nhận theo dõi: phí");
});
