/**
 * Every cap of the collaboration server in one place, with why (docs/security.md lists them with
 * their figures). Tests may lower them through CollabOptions.limits.
 */
export const LIMITS = {
  /** One WebSocket frame; ws closes with 1009 above it. */
  maxMessageBytes: 1024 * 1024,
  /** Token bucket per connection: a burst, then a sustained rate well above fast typing. */
  messageBurst: 400,
  messagesPerSecond: 100,
};

export type Limits = typeof LIMITS;

/** A token bucket: `take(n)` succeeds while the bucket holds n tokens; it refills at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  take(n = 1, now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
