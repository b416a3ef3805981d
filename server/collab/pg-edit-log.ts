import pg from "pg";
import type { LogTail } from "./persistence";

/** What an edit's section may do: catch up with the log, then append to it. */
export interface EditTx {
  tail(afterId: number): Promise<LogTail>;
  append(update: Uint8Array, userId: string | null): Promise<number>;
}

/**
 * PostgreSQL: the edit's own section — the board's advisory lock, the catch-up read and the append
 * — on a small pool of plain `pg` connections of its own, in one transaction per edit. Through
 * Prisma's interactive transaction the same five statements each paid the query compiler and the
 * transaction's bookkeeping, several milliseconds of the one thread that also broadcasts
 * (docs/decisions/051-pg-edit-section.md). The lock is the one load and compaction take
 * (`BoardStore.exclusive`), so they still exclude each other; a projection has its own (ADR 052).
 */
export class PgEditLog {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, onIdleError: (err: Error) => void, size = 4) {
    this.pool = new pg.Pool({ connectionString, max: size, connectionTimeoutMillis: 5_000 });
    // A connection that breaks while idle (the database restarted): the pool drops it and the next
    // edit gets a new one; said, not thrown (an unhandled 'error' would end the process).
    this.pool.on("error", onIdleError);
  }

  async section<T>(boardId: string, fn: (tx: EditTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      // As Prisma's transaction did: give up on the lock after 5 s, never hold it past 15 s.
      await client.query("BEGIN; SET LOCAL lock_timeout = '5s'; SET LOCAL idle_in_transaction_session_timeout = '15s'");
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`board:${boardId}`]);
      const result = await fn({
        tail: (afterId) => tail(client, boardId, afterId),
        append: (update, userId) => append(client, boardId, update, userId),
      });
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close() {
    await this.pool.end();
  }
}

// Prisma keeps DateTime as UTC in a timestamp without time zone: so does this.
async function append(client: pg.PoolClient, boardId: string, update: Uint8Array, userId: string | null): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "BoardUpdate" ("boardId", "data", "userId", "createdAt") VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC') RETURNING "id"`,
    [boardId, Buffer.from(update), userId],
  );
  return Number(rows[0]!.id);
}

/** A row of the one-statement tail: the snapshot (`s`) or an update (`u`). */
export interface TailRow {
  kind: "s" | "u";
  id: number | bigint;
  data: Uint8Array;
}

/**
 * What the log holds after `afterId`, in one statement: the snapshot only if a compaction passed
 * `afterId`, then the rows after both. One statement reads one snapshot of the database, so a
 * compaction committing meanwhile cannot hide rows: this read needs no board lock (ADR 052).
 * `query` runs it on a pg client or a Prisma transaction ($1 board, $2 afterId).
 */
export async function readTail(query: (sql: string, params: [string, number]) => Promise<TailRow[]>, boardId: string, afterId: number): Promise<LogTail> {
  const rows = await query(
    `WITH snap AS (SELECT "state", "upToId" FROM "BoardDocument" WHERE "boardId" = $1 AND "upToId" > $2)
     SELECT 's' AS kind, "upToId" AS id, "state" AS data FROM snap
     UNION ALL
     SELECT 'u' AS kind, u."id", u."data" FROM "BoardUpdate" u
       WHERE u."boardId" = $1 AND u."id" > GREATEST($2, COALESCE((SELECT "upToId" FROM snap), 0))
     ORDER BY kind, id`,
    [boardId, afterId],
  );
  const snap = rows.find((r) => r.kind === "s");
  return {
    snapshot: snap ? { state: new Uint8Array(snap.data), upToId: Number(snap.id) } : null,
    rows: rows.filter((r) => r.kind === "u").map((r) => ({ id: Number(r.id), data: new Uint8Array(r.data) })),
  };
}

function tail(client: pg.PoolClient, boardId: string, afterId: number): Promise<LogTail> {
  return readTail((sql, params) => client.query<TailRow>(sql, params).then((r) => r.rows), boardId, afterId);
}
