// The web app's pages in Chromium: how long until a reader sees the answer, against the API call behind it.
//
// Command (from the repository root, after `bash scripts/frontend.sh build`; starts its own service with the
// demo data, like the browser tests, on port 8798):
//
//     node bench/web_pages.mjs [--rounds 15]
//
// For each page, every round opens a new browser context (cold: no cache, no stored language or token) and
// measures from navigation start until the answer is on the screen:
//   - search: "/?q=ngan sach" until the result count and the first result are visible;
//   - document: "/van-ban/{id}" until its validity answer is visible;
//   - lookup: "/van-ban/{id}" then the "in force on" check, until the dated answer is visible.
// The baseline is the least any page could cost: a new browser context loads a bare response from the same
// server (/favicon.svg, a static file) and makes the page's API request(s) with fetch(), e.g. GET /api/v1/search/?q=…, one after
// the other. The ratio is what the app adds on top: downloading and running its JavaScript, rendering, and
// requests that run side by side with the one the reader waits for. Prints median and p90 per page, and the
// ratio of medians.
import { chromium } from "../frontend/node_modules/@playwright/test/index.mjs";
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] || 15) || 15;
const port = 8798;
const base = `http://127.0.0.1:${port}`;

const server = spawn("bash", ["scripts/e2e-server.sh", String(port)], { stdio: ["ignore", "ignore", "inherit"] });
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(1000);
  }
  throw new Error("the service did not start");
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.floor(sorted.length * 0.9)] };
};

await waitForServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const search = await (await fetch(`${base}/api/v1/search/?q=8/2021/NQ-HDND`)).json();
const docId = search.results[0].id;

const pages = {
  search: {
    url: "/?q=ngan%20sach",
    ready: async (page) => {
      await page.locator(".result-count").waitFor();
      await page.locator(".hit").first().waitFor();
    },
    api: [`/api/v1/search/?q=ngan%20sach&page=1&page_size=20`],
  },
  document: {
    url: `/van-ban/${docId}`,
    ready: (page) => page.getByTestId("validity").first().waitFor(),
    api: [`/api/v1/documents/${docId}/`, `/api/v1/documents/${docId}/status/`],
  },
  lookup: {
    url: `/van-ban/${docId}`,
    ready: async (page) => {
      await page.getByLabel("Ngày cần kiểm tra").fill("2023-01-01");
      await page.getByRole("button", { name: "Kiểm tra" }).click();
      await page.getByTestId("check-answer").waitFor();
    },
    api: [`/api/v1/documents/${docId}/`, `/api/v1/documents/${docId}/status/?on=2023-01-01`],
  },
};

console.log(`rounds: ${rounds}; times in ms (median / p90)`);
console.log("page       app (median/p90)   bare page + api (median/p90)   app/bare");
for (const [name, spec] of Object.entries(pages)) {
  const app = [];
  const apiTimes = [];
  for (let round = 0; round <= rounds; round++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(base + spec.url);
    await spec.ready(page);
    const appTime = Date.now() - start;
    await context.close();
    // The baseline: the least any page could cost: a new context loads a bare response from the same server
    // (/favicon.svg, a static file) and makes the same API requests, one after the other.
    const bare = await browser.newContext();
    const barePage = await bare.newPage();
    const t1 = Date.now();
    await barePage.goto(`${base}/favicon.svg`);
    await barePage.evaluate(async (paths) => {
      for (const path of paths) await (await fetch(path, { cache: "no-store" })).text();
    }, spec.api);
    const apiTime = Date.now() - t1;
    await bare.close();
    if (round === 0) continue; // warm-up: the server's first request of each kind
    app.push(appTime);
    apiTimes.push(apiTime);
  }
  const a = stats(app);
  const b = stats(apiTimes);
  console.log(
    `${name.padEnd(10)} ${a.median.toFixed(0).padStart(6)} / ${a.p90.toFixed(0).padEnd(6)}` +
      `      ${b.median.toFixed(1).padStart(7)} / ${b.p90.toFixed(1).padEnd(7)}          ${(a.median / b.median).toFixed(1)}x`,
  );
}
await browser.close();
stop();
process.exit(0);
