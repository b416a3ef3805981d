import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { getDb } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
import { sendDigests } from "./digest.server";
import { acquireLease, releaseLease } from "./lease.server";
import { runReminders } from "./reminders.server";
import { deliverDue } from "./webhook.server";

export interface SchedulerOptions {
  /** The clock every job reads (tests inject one). */
  now?: () => Date;
  /** How often a pass runs (ms). */
  intervalMs?: number;
  /** This instance's name in the lease row. */
  instanceId?: string;
  db?: PrismaClient;
}

const LEASE = "scheduler";

/**
 * One scheduler however many instances run: each pass first takes (or renews) the DB lease; an
 * instance that cannot runs nothing. Jobs are safe to repeat anyway (unique reminder keys,
 * claimed webhook attempts), so the lease keeps the work in one place rather than being the only
 * guard (docs/decisions/042-reminders.md).
 */
export function createScheduler(options: SchedulerOptions = {}) {
  const now = options.now ?? (() => new Date());
  const intervalMs = options.intervalMs ?? 60_000;
  const holder = options.instanceId ?? `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const db = options.db ?? getDb();
  const log = getLogger().child({ component: "scheduler", holder });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function tick() {
    const at = now();
    // The lease outlives a pass by a margin, and lapses if this instance dies.
    if (!(await acquireLease(LEASE, holder, intervalMs * 3, at, db))) return { ran: false as const, fired: [] as string[], digests: 0, webhooks: 0 };
    const fired = await runReminders(at, db);
    const digests = await sendDigests(at, db);
    const webhooks = await deliverDue(at, db);
    if (fired.length || digests || webhooks) log.info({ fired: fired.length, digests, webhooks }, "scheduler pass");
    return { ran: true as const, fired, digests, webhooks };
  }

  return {
    holder,
    tick,
    start(firstDelayMs = 5_000) {
      const loop = (delay: number) => {
        timer = setTimeout(() => {
          running = tick()
            .catch((err) => log.error({ err }, "scheduler pass failed"))
            .finally(() => {
              running = null;
              if (timer) loop(intervalMs);
            });
        }, delay);
        timer.unref();
      };
      loop(firstDelayMs);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      await releaseLease(LEASE, holder, db).catch(() => undefined);
    },
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;
