import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";

describe("environment validated at boot", () => {
  it("names each bad variable and says why", () => {
    expect(() => parseEnv({ PORT: "abc", LOG_LEVEL: "loud", DEMO_DATA: "maybe", BETTER_AUTH_SECRET: "x".repeat(40) })).toThrowError(
      /PORT[\s\S]*LOG_LEVEL[\s\S]*DEMO_DATA/,
    );
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", BETTER_AUTH_SECRET: "x".repeat(40) })).toThrowError(/DATABASE_URL/);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short" })).toThrowError(/BETTER_AUTH_SECRET/);
  });

  it("defaults to port 3000, the embedded SQLite file and demo data on", () => {
    const env = parseEnv({ BETTER_AUTH_SECRET: "x".repeat(40) });
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: "file:./data/app.db", DEMO_DATA: "on", BASE_URL: "http://localhost:3000" });
  });

  it("the server refuses to start on a bad variable and says which", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, PORT: "not-a-port" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr + run.stdout).toMatch(/PORT/);
  });
});
