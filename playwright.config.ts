import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DIR = `tests/.tmp/e2e-${PORT}`;
const DB = `${DIR}/app.db`;

export default defineConfig({
  testDir: "./tests/e2e",
  workers: 1,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: `test-results/e2e-${PORT}`,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices["Desktop Chrome"],
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's package: `npx playwright install` cannot download browsers here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "system-chromium" }],
  webServer: {
    // A fresh database every run: migrated and seeded with the demo district by the start script.
    command: `rm -rf ${DIR} && node scripts/start.mjs`,
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:./${DB}`,
      BASE_URL: `http://127.0.0.1:${PORT}`,
      LOG_LEVEL: "warn",
      LOGIN_RATE_LIMIT: "1000",
    },
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
