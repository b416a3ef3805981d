import type { Logger } from "pino";
import * as Y from "yjs";
import { send, type Connection } from "./connection";
import { CLOSE, decodeMessage, MalformedMessage, permissionDeniedMessage, rejectedMessage, syncStep1, syncStep2, type Incoming } from "./protocol";
import type { Limits } from "./limits";
import type { Room } from "./room";

const REFUSAL_WINDOW_MS = 10_000;
const MAX_REFUSALS = 20;

function isEmptyUpdate(update: Uint8Array): boolean {
  try {
    const decoded = Y.decodeUpdate(update);
    return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
  } catch {
    return false;
  }
}

/**
 * The message receiver of one connection: speaks the y-websocket protocol (sync and awareness on
 * y-protocols), with every document update sent through `room.submit` (validated, durable, then
 * broadcast). Read-only connections may sync and show presence; their updates are dropped.
 */
export function attachReceiver(room: Room, conn: Connection, ctx: { log: Logger; limits: Limits }) {
  const { ws } = conn;
  const log = ctx.log.child({ boardId: room.key.id, userId: conn.userId });

  const close = (code: number, reason: string) => {
    log.warn({ code, reason }, "closing connection");
    ws.close(code, reason.slice(0, 120));
  };
  const malformed = (error: unknown) =>
    close(CLOSE.malformed.code, error instanceof MalformedMessage ? `${CLOSE.malformed.reason}: ${error.message}` : CLOSE.malformed.reason);

  async function handle(message: Incoming) {
    switch (message.type) {
      case "sync-step1": {
        // The answer can be the whole document for a few bytes asked: it is paid from a budget.
        const answer = syncStep2(room.doc, message.stateVector);
        if (!conn.syncBytes.take(answer.length)) return close(CLOSE.syncBudget.code, CLOSE.syncBudget.reason);
        send(conn, answer);
        return;
      }
      case "query-awareness": {
        const snapshot = room.presence.snapshot();
        if (snapshot) send(conn, snapshot);
        return;
      }
      case "awareness":
        try {
          room.presence.apply(conn, message.update);
        } catch (error) {
          malformed(error);
        }
        return;
      case "update": {
        if (conn.access !== "write") {
          // Every client answers the server's sync with an update, usually empty: only a real change is denied.
          if (!conn.warnedReadOnly && !isEmptyUpdate(message.update)) {
            send(conn, permissionDeniedMessage("read-only"));
            conn.warnedReadOnly = true;
          }
          return;
        }
        const result = await room.submit(message.update, { userId: conn.userId }, conn, message.shape);
        if (result.ok) return;
        log.warn({ code: result.code, reason: result.message }, "update rejected");
        if (result.code === "malformed_update") return close(CLOSE.malformed.code, `${CLOSE.malformed.reason}: update`);
        // Its own client would resend it on every resync: close rather than loop.
        if (result.code === "update_too_large") return close(CLOSE.tooBig.code, CLOSE.tooBig.reason);
        send(conn, rejectedMessage(result.code, result.message));
        // Resync once per window: a stock client answers a resync with its whole diff, refused
        // change included, so resyncing after every refusal would loop forever.
        const now = Date.now();
        if (now - conn.refusals.since > REFUSAL_WINDOW_MS) conn.refusals = { since: now, count: 0 };
        conn.refusals.count++;
        if (conn.refusals.count === 1) {
          send(conn, syncStep1(room.doc));
          send(conn, syncStep2(room.doc));
        } else if (conn.refusals.count > MAX_REFUSALS) {
          close(CLOSE.refused.code, CLOSE.refused.reason);
        }
        return;
      }
    }
  }

  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (!conn.messages.take()) return close(CLOSE.rateLimited.code, CLOSE.rateLimited.reason);
    if (!isBinary) return close(CLOSE.malformed.code, CLOSE.malformed.reason);
    let message: Incoming;
    try {
      message = decodeMessage(new Uint8Array(data));
    } catch (error) {
      return malformed(error);
    }
    void room
      .enqueue(() => handle(message))
      .catch((err) => {
        log.error({ err }, "message handling failed");
        close(1011, "internal error");
      });
  });

  ws.on("error", (err) => {
    // ws closes with 1009 itself when a frame exceeds maxPayload.
    log.warn({ err: err.message }, "connection error");
  });

  ws.on("close", () => room.presence.leave(conn));

  // Server speaks first: its state vector (the client answers with what we lack) and who is here.
  send(conn, syncStep1(room.doc));
  const present = room.presence.snapshot();
  if (present) send(conn, present);
}
