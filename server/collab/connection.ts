import type WebSocket from "ws";
import type { SessionUser } from "../../app/utils/permissions.server";
import { TokenBucket, type Limits } from "./limits";

/** One open socket on one board, and what the server knows about who is behind it. */
export interface Connection {
  ws: WebSocket;
  /** The Cookie header of the upgrade, to check the session again while the socket is open. */
  cookie: string;
  /** The better-auth session the socket was opened with: signing it out closes the socket. */
  sessionId: string | null;
  userId: string;
  /** Shown to the room's other members; written by the server, never taken from the client. */
  user: { id: string; name: string; role: SessionUser["role"] };
  access: "read" | "write";
  /** Awareness client ids this connection has set (and so may update or remove). */
  awarenessClients: Set<number>;
  messages: TokenBucket;
  /** Bytes of sync answers this connection may still ask for (see LIMITS.syncBurstBytes). */
  syncBytes: TokenBucket;
  warnedReadOnly: boolean;
  /** Refused updates in the current window (see receiver.ts). */
  refusals: { since: number; count: number };
}

export function createConnection(ws: WebSocket, user: SessionUser, access: "read" | "write", cookie: string, limits: Limits): Connection {
  return {
    ws,
    cookie,
    sessionId: user.sessionId,
    userId: user.userId,
    user: { id: user.userId, name: user.name, role: user.role },
    access,
    awarenessClients: new Set(),
    messages: new TokenBucket(limits.messageBurst, limits.messagesPerSecond),
    syncBytes: new TokenBucket(limits.syncBurstBytes, limits.syncBytesPerSecond),
    warnedReadOnly: false,
    refusals: { since: 0, count: 0 },
  };
}

export function send(conn: Connection, message: Uint8Array) {
  if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(message);
}
