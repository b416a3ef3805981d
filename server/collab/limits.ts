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
  /**
   * One document update, as bytes and as content units counting deleted content (inserted
   * characters/entries + deleted ones). The largest real edit — a new card with a 5,000-character
   * description and 200 items of 500 — is ~105,000 units; an offline day of edits fits too.
   */
  maxUpdateBytes: 512 * 1024,
  maxUpdateUnits: 256 * 1024,
  /** Nesting of shared types: a board nests 4 deep (cards → card → checklist → item → text). */
  maxTypeDepth: 8,
  /**
   * Bytes of sync answers (sync-step2) per connection: a 4-byte sync-step1 asks for the whole
   * document. Enough for many full syncs in a burst, then one board (~30 KB) every half second.
   */
  syncBurstBytes: 1024 * 1024,
  syncBytesPerSecond: 64 * 1024,
  /**
   * Growth of one board's log per author: bytes appended, a burst then a sustained rate far above
   * typing (~30 bytes an update) — hostile growth is capped at ~7 MB an hour per person and board.
   */
  logBurstBytes: 2 * 1024 * 1024,
  logBytesPerSecond: 2 * 1024,
  /** Open sockets per person across all boards: tabs on a few boards, not a thousand. */
  socketsPerUser: 20,
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
