import Database from "better-sqlite3";
import { sqlDate } from "../../app/models/sql.server";

/**
 * Group commit of the update log on SQLite (docs/decisions/048). Every accepted update is appended
 * here before it is applied or broadcast; the appends asked for while the event loop is busy —
 * several boards' updates arriving together — are written in ONE transaction, and each caller's
 * promise resolves only once that transaction has committed. The log has its own connection, so
 * an append is never swept into a transaction the app has open on Prisma's (which would make it
 * durable only when, and if, that one commits), and it uses prepared statements rather than
 * Prisma's query compiler on every edit's path.
 *
 * Its connection never waits for SQLite's lock (busy_timeout 0; it would block the only thread,
 * and with it the Prisma transaction holding the lock): a busy database is tried again on a later
 * turn of the event loop, up to `maxWaitMs`, then every append of the group fails (the edits are
 * refused, never half-stored).
 */
export class SqliteAppendLog {
  private readonly db: Database.Database;
  /** Prepared at the first append (the table may not exist yet when the server starts). */
  private writeGroup: ((rows: Pending[]) => number[]) | null = null;
  private pending: Pending[] = [];
  private scheduled = false;
  private closed = false;
  /** Transactions committed, and rows they held (for tests and the bench). */
  readonly stats = { commits: 0, rows: 0 };

  constructor(
    file: string,
    private readonly options: { synchronous: "NORMAL" | "FULL"; maxWaitMs?: number },
  ) {
    this.db = new Database(file);
    this.db.pragma("busy_timeout = 0");
    this.db.pragma(`synchronous = ${options.synchronous}`);
    this.db.pragma("foreign_keys = ON");
    // Checkpoints stay where configureSqlite put them (the app's connection), not in an edit's commit.
    this.db.pragma("wal_autocheckpoint = 0");
  }

  private write(rows: Pending[]): number[] {
    if (!this.writeGroup) {
      const insert = this.db.prepare(`INSERT INTO "BoardUpdate" ("boardId", "data", "userId", "createdAt") VALUES (?, ?, ?, ?)`);
      const run = this.db.transaction((group: Pending[]) => group.map((r) => Number(insert.run(r.boardId, r.data, r.userId, r.createdAt).lastInsertRowid)));
      this.writeGroup = (group) => run.immediate(group);
    }
    return this.writeGroup(rows);
  }

  /** Appends one update; resolves with its id once it is committed. */
  append(boardId: string, update: Uint8Array, userId: string | null): Promise<number> {
    if (this.closed) return Promise.reject(new Error("update log closed"));
    return new Promise((resolve, reject) => {
      this.pending.push({ boardId, data: Buffer.from(update), userId, createdAt: sqlDate(new Date()) as string, resolve, reject, since: Date.now() });
      this.schedule();
    });
  }

  /** Writes what is pending at once (shutdown). */
  close() {
    this.flush();
    for (const p of this.pending.splice(0)) p.reject(new Error("update log closed"));
    this.closed = true;
    this.db.close();
  }

  private schedule(delayMs = 0) {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate: after the I/O callbacks of this turn, so the updates that arrived together share a commit.
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    if (delayMs) setTimeout(run, delayMs);
    else setImmediate(run);
  }

  private flush() {
    if (this.pending.length === 0 || this.closed) return;
    const group = this.pending.splice(0);
    let ids: number[];
    try {
      ids = this.write(group);
    } catch (error) {
      const busy = (error as { code?: string }).code?.startsWith("SQLITE_BUSY");
      if (busy && Date.now() - group[0]!.since < (this.options.maxWaitMs ?? 5_000)) {
        // Another connection holds the write lock: try again shortly, before anything newer.
        this.pending.unshift(...group);
        this.schedule(1);
        return;
      }
      if (group.length === 1) return group[0]!.reject(error);
      // One bad row (its board deleted meanwhile…) must not refuse the other boards' edits: each alone.
      for (const p of group) {
        try {
          const [id] = this.write([p]);
          this.stats.commits++;
          this.stats.rows++;
          p.resolve(id!);
        } catch (err) {
          p.reject(err);
        }
      }
      return;
    }
    this.stats.commits++;
    this.stats.rows += group.length;
    group.forEach((p, i) => p.resolve(ids[i]!));
  }
}

interface Pending {
  boardId: string;
  data: Buffer;
  userId: string | null;
  createdAt: string;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
  since: number;
}

/** The file a SQLite DATABASE_URL names (as Prisma's adapter reads it). */
export function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}
