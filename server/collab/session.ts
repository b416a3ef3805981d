import * as awarenessProtocol from "y-protocols/awareness";
import type { Logger } from "pino";
import {
  awarenessMessage,
  CLOSE,
  decodeMessage,
  MalformedMessage,
  permissionDeniedMessage,
  rejectedMessage,
  send,
  syncStep1,
  syncStep2,
  takeToken,
  type Connection,
} from "./connection";
import type { Room } from "./room";
import * as Y from "yjs";

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
 * Speaks the y-websocket protocol with one client: sync and awareness on y-protocols, with every
 * document update sent through `room.submit` (validated, durable, then broadcast). Read-only
 * connections may sync and show presence; their updates are dropped.
 */
export function attachConnection(room: Room, conn: Connection, ctx: { log: Logger; peers: () => Set<Connection> }) {
  const { ws } = conn;
  const log = ctx.log.child({ boardId: room.key.id, userId: conn.userId });

  const onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === conn) {
      for (const id of [...added, ...updated]) conn.awarenessClients.add(id);
      for (const id of removed) conn.awarenessClients.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(room, changed);
    for (const peer of ctx.peers()) send(peer, message);
  };
  room.awareness.on("update", onAwareness);

  const close = (code: number, reason: string) => {
    log.warn({ code, reason }, "closing connection");
    ws.close(code, reason);
  };

  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (!takeToken(conn)) return close(CLOSE.rateLimited.code, CLOSE.rateLimited.reason);
    if (!isBinary) return close(CLOSE.malformed.code, CLOSE.malformed.reason);
    let message;
    try {
      message = decodeMessage(new Uint8Array(data));
    } catch (error) {
      return close(CLOSE.malformed.code, error instanceof MalformedMessage ? `${CLOSE.malformed.reason}: ${error.message}` : CLOSE.malformed.reason);
    }
    void room
      .enqueue(async () => {
        switch (message.type) {
          case "sync-step1":
            send(conn, syncStep2(room, message.stateVector));
            return;
          case "query-awareness":
            send(conn, awarenessMessage(room, [...room.awareness.getStates().keys()]));
            return;
          case "awareness":
            try {
              awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, conn);
            } catch {
              close(CLOSE.malformed.code, `${CLOSE.malformed.reason}: awareness`);
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
            const result = await room.submit(message.update, { userId: conn.userId }, conn);
            if (!result.ok) {
              log.warn({ code: result.code, reason: result.message }, "update rejected");
              if (result.code === "malformed_update") return close(CLOSE.malformed.code, `${CLOSE.malformed.reason}: update`);
              send(conn, rejectedMessage(result.code, result.message));
              // Resync once per window: a stock client answers a resync with its whole diff, refused
              // change included, so resyncing after every refusal would loop forever.
              const now = Date.now();
              if (now - conn.refusals.since > REFUSAL_WINDOW_MS) conn.refusals = { since: now, count: 0 };
              conn.refusals.count++;
              if (conn.refusals.count === 1) {
                send(conn, syncStep1(room));
                send(conn, syncStep2(room));
              } else if (conn.refusals.count > MAX_REFUSALS) {
                close(CLOSE.refused.code, CLOSE.refused.reason);
              }
            }
            return;
          }
        }
      })
      .catch((err) => {
        log.error({ err }, "message handling failed");
        close(1011, "internal error");
      });
  });

  ws.on("error", (err) => {
    // ws closes with 1009 itself when a frame exceeds maxPayload.
    log.warn({ err: err.message }, "connection error");
  });

  ws.on("close", () => {
    room.awareness.off("update", onAwareness);
    awarenessProtocol.removeAwarenessStates(room.awareness, [...conn.awarenessClients], null);
  });

  // Server speaks first: its state vector (the client answers with what we lack) and who is here.
  send(conn, syncStep1(room));
  const present = [...room.awareness.getStates().keys()];
  if (present.length) send(conn, awarenessMessage(room, present));
}
