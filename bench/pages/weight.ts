/**
 * bench/pages — page weight (gzipped JavaScript a page loads, lazy chunks included) and time to
 * interactive on a 360 px phone viewport with the CPU throttled 4× (Chrome DevTools Protocol), for
 * the school board and the district overview, beside the figures before issue 13.
 *   npm run bench:pages [-- --runs 5 --port 3790 --list]
 * --list prints every JS file each page fetched (gzip KB), as bench/pages/chunks.ts names them.
 * Needs a production build (npm run build) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 5);
const LIST = process.argv.includes("--list");
const PORT = arg("port", 3790);
const BASE = `http://127.0.0.1:${PORT}`;
// Measured the same way on main on 01/12/2026, before the page-weight work (docs/benchmarks.md).
const BASELINE = { board: { kb: 225 }, overview: { kb: 293 } };

const dir = "bench/.tmp/pages";
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const server = spawn("node", ["scripts/start.mjs"], {
  env: { ...process.env, PORT: String(PORT), DATABASE_URL: `file:./${dir}/app.db`, BASE_URL: BASE, LOG_LEVEL: "error", LOGIN_RATE_LIMIT: "1000" },
  stdio: "ignore",
});
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

async function waitForServer() {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

async function signIn(page: Page, email: string) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu").fill("kienan-2023");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL(/\/(schools|district)/);
}

type Figures = { kb: number; tti: number[] };

/** One cold load (no cache) of `path`: gzipped JS bytes and ms until `ready` holds. */
async function measure(email: string, path: string, ready: string): Promise<{ bytes: number; ms: number; files: Map<string, number> }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, serviceWorkers: "block" });
    const page = await context.newPage();
    await signIn(page, email);
    const js = new Map<string, number>();
    page.on("response", async (res) => {
      if (!res.url().endsWith(".js")) return;
      try {
        js.set(res.url(), gzipSync(await res.body()).length);
      } catch {
        // a redirect or an aborted request has no body
      }
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const start = Date.now();
    await page.goto(`${BASE}${path}`, { waitUntil: "commit" });
    await page.waitForSelector(ready, { timeout: 60_000 });
    const ms = Date.now() - start;
    await page.waitForLoadState("networkidle");
    return { bytes: [...js.values()].reduce((a, b) => a + b, 0), ms, files: js };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await waitForServer();
const pages = {
  // Interactive: hydrated and the browser's own replica attached (the board's data-ready).
  board: { email: "giaovien.th-bac-son@kienan.demo", path: "/schools/th-bac-son", ready: '.board[data-ready="true"]' },
  // Interactive: hydrated and the live-update stream connected.
  overview: { email: "phong.gddt@kienan.demo", path: "/overview", ready: ".ov-live-connected" },
};
const results: Record<string, Figures> = {};
for (const [name, p] of Object.entries(pages)) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(p.email, p.path, p.ready));
  results[name] = { kb: Math.round(median(runs.map((r) => r.bytes)) / 1024), tti: runs.map((r) => r.ms) };
  if (LIST) {
    console.log(`${name}: the JS of its last run (KB gzip)`);
    for (const [url, bytes] of runs.at(-1)!.files) console.log(`  ${(bytes / 1024).toFixed(1).padStart(6)}  ${new URL(url).pathname}`);
  }
}
console.log(`page weight and time to interactive (360 px, CPU ×4, cold cache), median of ${RUNS}`);
console.log("page       JS gzip (before → now)   interactive (median, all runs)");
for (const [name, r] of Object.entries(results)) {
  const before = BASELINE[name as keyof typeof BASELINE].kb;
  console.log(`${name.padEnd(10)} ${String(before).padStart(4)} KB → ${String(r.kb).padStart(4)} KB        ${median(r.tti)} ms  [${r.tti.join(", ")}]`);
}
stop();
process.exit(0);
