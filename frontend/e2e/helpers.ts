import runAxe from "./axe";
import { expect, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const ARTIFACTS = process.env.HIEULUC_E2E_ARTIFACTS ?? "artifacts";

/** Save a full-page screenshot of a main page as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** axe-core at the current width: no serious or critical violations. */
async function expectAccessibleHere(page: Page, width: number): Promise<void> {
  const violations = await runAxe(page);
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${width}px ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`),
  ).toEqual([]);
}

/** axe-core on the current page at both widths the product is tried at (1366×900 and 390×844): no serious or
 * critical violations at either; the page is left at the size it had. */
export async function expectAccessible(page: Page): Promise<void> {
  const size = page.viewportSize() ?? DESKTOP;
  const other = size.width === PHONE.width ? DESKTOP : PHONE;
  await expectAccessibleHere(page, size.width);
  await page.setViewportSize(other);
  try {
    await expectAccessibleHere(page, other.width);
  } finally {
    await page.setViewportSize(size);
  }
}

/** Sign in on the login page the app has redirected to (demo password from the quick start). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill("hieuluc-demo");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** Fill a date field (the app's DateInput, dd/mm/yyyy text entry) with an ISO date, typed as a user would. */
export async function fillDate(field: Locator, iso: string): Promise<void> {
  const [year, month, day] = iso.split("-");
  await field.fill(`${day}/${month}/${year}`);
  await field.blur();
}

/** axe-core at both widths the issue names (1366×900 and 390×844), with a screenshot at each; the page is left
 * at 1366×900. */
export async function expectAccessibleAtBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await expectAccessibleHere(page, PHONE.width);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await expectAccessibleHere(page, DESKTOP.width);
  await screenshot(page, name);
}

/** What the API answered a call made by `callApi`. */
export interface ApiAnswer {
  status: number;
  body: { id: number; count: number; version: number };
}

/** A call to the API as the signed-in user: the session cookie, and the csrftoken cookie's value in X-CSRFToken, as
 * the app's own writes send them; `version` becomes If-Match. For what a test sets up or checks beside the page. */
export async function callApi(page: Page, method: string, path: string, body?: unknown, version?: number): Promise<ApiAnswer> {
  return page.evaluate(
    async ([verb, url, data, ifMatch]) => {
      const csrf = /(?:^|;\s*)csrftoken=([^;]*)/.exec(document.cookie)?.[1] ?? "";
      const headers: Record<string, string> = { "X-CSRFToken": decodeURIComponent(csrf), "Content-Type": "application/json" };
      if (ifMatch !== undefined) headers["If-Match"] = `"${ifMatch}"`;
      const res = await fetch(`/api/v1${url}`, {
        method: verb as string,
        headers,
        body: data === undefined ? undefined : JSON.stringify(data),
      });
      return { status: res.status, body: await res.json() };
    },
    [method, path, body, version] as const,
  );
}
