import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, SignInLimiter } from "./sign-in-limits.server";

const limiter = (over: Partial<ConstructorParameters<typeof SignInLimiter>[0]> = {}) =>
  new SignInLimiter({ ...DEFAULT_LIMITS, accountFreeFailures: 5, addressFailures: 100, ...over });

describe("per account", () => {
  it("allows a few mistakes, then locks with a back-off that doubles", () => {
    const l = limiter();
    for (let i = 0; i < 4; i++) l.failed("a@x", `10.0.0.${i}`, 0);
    expect(l.retryAfter("a@x", "10.0.0.9", 0)).toBe(0);
    l.failed("a@x", "10.0.0.5", 0);
    expect(l.retryAfter("a@x", "10.0.0.9", 0)).toBe(30);
    l.failed("a@x", "10.0.0.6", 30_000);
    expect(l.retryAfter("a@x", "10.0.0.9", 30_000)).toBe(60);
    for (let i = 0; i < 20; i++) l.failed("a@x", "10.0.0.7", 100_000);
    expect(l.retryAfter("a@x", "10.0.0.9", 100_000)).toBe(15 * 60);
  });
  it("a success clears the account", () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) l.failed("a@x", "1.1.1.1", 0);
    l.succeeded("a@x");
    expect(l.retryAfter("a@x", "2.2.2.2", 0)).toBe(0);
  });
});

describe("per address", () => {
  it("counts failures only and forgets them after the window", () => {
    const l = limiter({ addressFailures: 3 });
    l.failed("a@x", "1.1.1.1", 0);
    l.failed("b@x", "1.1.1.1", 1000);
    expect(l.retryAfter("c@x", "1.1.1.1", 1000)).toBe(0);
    l.failed("c@x", "1.1.1.1", 2000);
    expect(l.retryAfter("d@x", "1.1.1.1", 2000)).toBe(15 * 60 - 2);
    expect(l.retryAfter("d@x", "2.2.2.2", 2000)).toBe(0);
    expect(l.retryAfter("d@x", "1.1.1.1", 15 * 60_000 + 1)).toBe(0);
  });
  it("holds no more keys than its cap", () => {
    const l = limiter({ maxKeys: 10 });
    for (let i = 0; i < 1000; i++) l.failed(`u${i}@x`, `10.0.${i >> 8}.${i & 255}`, 0);
    expect((l as unknown as { accounts: Map<string, unknown> }).accounts.size).toBe(10);
  });
});
