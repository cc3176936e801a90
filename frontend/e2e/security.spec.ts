import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// The Content-Security-Policy (script-src 'self', no inline styles but nonced ones) must not break any page the
// service serves: the web app, the Swagger UI and the Django admin. Chromium reports each blocked script, style
// or image as a `securitypolicyviolation` event and a console error; both are collected here.

async function watchPolicy(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test("the web app, the Swagger UI and the admin run under the Content-Security-Policy", async ({ page }) => {
  const violations = await watchPolicy(page);

  await page.goto("/");
  await expect(page.getByRole("button", { name: "Tìm kiếm" })).toBeVisible();
  await expect(page.getByText(/\d+ văn bản/).first()).toBeVisible();
  await page.goto("/danh-muc");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/can-bo/ra-soat");
  await signIn(page, "ransoat");
  await expect(page.getByRole("heading", { name: "Nhiệm vụ rà soát" })).toBeVisible();

  await page.goto("/api/v1/docs/");
  await expect(page.getByRole("heading", { name: /Hiệu Lực API/ })).toBeVisible();
  await page.getByText("/api/v1/auth/token/").first().click(); // open an operation: more of Swagger UI renders
  await page.waitForTimeout(300);

  // The browsable API (DRF's HTML pages) and its sign-in page.
  await page.goto("/api-auth/login/");
  await expect(page.locator("form")).toBeVisible();
  await page.goto("/api/v1/documents/");
  await expect(page.locator(".response-info")).toBeVisible();

  await page.goto("/admin/login/");
  await page.getByLabel(/Tên đăng nhập|Username/).fill("admin");
  await page.getByLabel(/Mật khẩu|Password/).fill("hieuluc-demo");
  await page.locator("input[type=submit]").click();
  await expect(page).toHaveURL(/\/admin\/$/);
  await page.goto("/admin/auth/user/1/change/");
  await expect(page.locator("#user_form")).toBeVisible();
  await page.goto("/admin/auth/group/add/"); // the permission picker is built by the admin's JavaScript
  await expect(page.locator(".selector-chooseall")).toBeVisible();
  await page.goto("/admin/knox/authtoken/");
  await expect(page.locator("#changelist")).toBeVisible();

  expect(violations).toEqual([]);
});

test("signing out ends the session on the server, and an ended session sends the officer back to sign in", async ({
  page,
  context,
}) => {
  await page.goto("/can-bo/ra-soat");
  await signIn(page, "ransoat");
  await expect(page.getByRole("heading", { name: "Nhiệm vụ rà soát" })).toBeVisible();
  const first = (await context.cookies()).find((cookie) => cookie.name === "sessionid")?.value;
  expect(first).toBeTruthy();

  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
  // A copy of the old cookie is worthless: the session is gone from the server.
  const afterSignOut = await page.request.get("/api/v1/auth/me/", { headers: { Cookie: `sessionid=${first}` } });
  expect(afterSignOut.status()).toBe(401);

  // Sign in again, then the session ends elsewhere (another tab's sign-out, a password change): the next request
  // inside the app gets 401 and the app asks for a sign-in instead of showing errors.
  await page.goto("/can-bo/ra-soat");
  await signIn(page, "ransoat");
  await expect(page.getByRole("heading", { name: "Nhiệm vụ rà soát" })).toBeVisible();
  const csrf = (await context.cookies()).find((cookie) => cookie.name === "csrftoken")?.value ?? "";
  const ended = await page.request.delete("/api/v1/auth/session/", { headers: { "X-CSRFToken": csrf, Referer: page.url() } });
  expect(ended.status()).toBe(204);
  // A background request of the page (the unread count) may meet the 401 before the click does, and the app then
  // leaves the page under the click: either way the app must ask for a sign-in, which is what is checked.
  await page
    .getByRole("navigation", { name: "Khu vực cán bộ" })
    .getByRole("link")
    .first()
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(page).toHaveURL(/\/can-bo\/dang-nhap$/);
});
