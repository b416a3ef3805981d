/**
 * Failed sign-ins, counted two ways (docs/security.md, ADR 017):
 * - per account: a few free tries, then a lock that doubles with every further failure
 *   (30 s, 1 min, 2 min … at most 15 min); a successful sign-in clears it. This is what stops
 *   guessing one person's password, from however many addresses.
 * - per address: failures only, generous (a school of 60 behind one NAT address can all mistype
 *   twice on a Monday morning), so one insider cannot lock out the school, yet spraying many
 *   accounts from one address is slowed.
 * Kept in this process's memory, with a cap on how many keys it holds; a multi-instance
 * deployment plugs a shared store in behind the same three calls.
 */
export interface LimitSettings {
  accountFreeFailures: number;
  accountFirstLockMs: number;
  accountMaxLockMs: number;
  addressFailures: number;
  addressWindowMs: number;
  /** Most keys of each kind kept; the least recently touched go first. */
  maxKeys: number;
}

export const DEFAULT_LIMITS: Omit<LimitSettings, "addressFailures" | "accountFreeFailures"> = {
  accountFirstLockMs: 30_000,
  accountMaxLockMs: 15 * 60_000,
  addressWindowMs: 15 * 60_000,
  maxKeys: 50_000,
};

interface Account {
  failures: number;
  lockedUntil: number;
}

export class SignInLimiter {
  private accounts = new Map<string, Account>();
  private addresses = new Map<string, number[]>();

  constructor(private settings: LimitSettings) {}

  /** Seconds to wait before trying again, or 0 when this attempt may go ahead. */
  retryAfter(email: string, address: string, now = Date.now()): number {
    const account = this.accounts.get(email);
    const accountWait = account ? account.lockedUntil - now : 0;
    const failures = this.recent(address, now);
    const addressWait = failures.length >= this.settings.addressFailures ? failures[0] + this.settings.addressWindowMs - now : 0;
    const wait = Math.max(accountWait, addressWait);
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  failed(email: string, address: string, now = Date.now()) {
    const s = this.settings;
    const account = this.accounts.get(email) ?? { failures: 0, lockedUntil: 0 };
    account.failures++;
    const over = account.failures - s.accountFreeFailures;
    if (over >= 0) account.lockedUntil = now + Math.min(s.accountFirstLockMs * 2 ** over, s.accountMaxLockMs);
    this.touch(this.accounts, email, account);
    const failures = this.recent(address, now);
    failures.push(now);
    // Only the newest `addressFailures` matter for the decision.
    if (failures.length > s.addressFailures) failures.splice(0, failures.length - s.addressFailures);
    this.touch(this.addresses, address, failures);
  }

  succeeded(email: string) {
    this.accounts.delete(email);
  }

  private recent(address: string, now: number): number[] {
    const failures = this.addresses.get(address) ?? [];
    const since = now - this.settings.addressWindowMs;
    while (failures.length && failures[0] <= since) failures.shift();
    return failures;
  }

  private touch<V>(map: Map<string, V>, key: string, value: V) {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.settings.maxKeys) map.delete(map.keys().next().value!);
  }
}
