import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The administration spec imports a district's worth of schools and people: it gets a server and
// database of its own, so the other specs keep the 30 demo schools whatever the order.
const ADMIN_PORT = PORT + 50;

function server(port: number) {
  const dir = `tests/.tmp/e2e-${port}`;
  return {
    // A fresh database every run: migrated and seeded with the demo district by the start script.
    command: `rm -rf ${dir} && node scripts/start.mjs`,
    env: {
      PORT: String(port),
      DATABASE_URL: `file:./${dir}/app.db`,
      BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      LOGIN_RATE_LIMIT: "1000",
    },
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
  };
}

export default defineConfig({
  testDir: "./tests/e2e",
  workers: 1,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: `test-results/e2e-${PORT}`,
  use: {
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
  projects: [
    { name: "system-chromium", testIgnore: /admin\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${PORT}` } },
    { name: "admin", testMatch: /admin\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${ADMIN_PORT}` } },
  ],
  // Both start before any test; the build is shared (scripts/start.mjs builds only when stale).
  webServer: [server(PORT), server(ADMIN_PORT)],
});
