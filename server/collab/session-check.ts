import type { Logger } from "pino";
import { boardAccess } from "../../app/domain/permissions";
import { getSessionUser } from "../../app/utils/permissions.server";
import type { Connection } from "./connection";
import type { CollabApi, CollabExtension } from "./hooks";
import { CLOSE } from "./protocol";
import type { Room } from "./room";

/**
 * A socket outlives the request that opened it. Signing out closes the session's sockets at once
 * (`closeSession`, called from better-auth's session delete hook); every `intervalMs` each
 * connection's session and access are asked again, for what no hook announces (expiry, a role
 * changed): signed out or expired → 4401; no longer allowed on this board → 4403; write access
 * withdrawn → read-only from now on.
 */
export class SessionChecker {
  constructor(private readonly rooms: () => Room[]) {}

  private *connections(): Generator<[Room, Connection]> {
    for (const room of this.rooms()) for (const conn of room.connections) yield [room, conn];
  }

  async recheck() {
    for (const [room, conn] of [...this.connections()]) {
      const user = await getSessionUser(new Headers({ cookie: conn.cookie }));
      if (!user || user.userId !== conn.userId) {
        conn.ws.close(CLOSE.signedOut.code, CLOSE.signedOut.reason);
        continue;
      }
      const access = boardAccess(user, { districtId: room.key.districtId, schoolId: room.key.schoolId });
      if (access === "none") conn.ws.close(CLOSE.deactivated.code, "access to this board withdrawn");
      else conn.access = room.frozen ? "read" : access;
    }
  }

  /** Closes every socket opened with this session (sign-out); returns how many. */
  closeSession(sessionId: string): number {
    let closed = 0;
    for (const [, conn] of this.connections()) {
      if (conn.sessionId !== sessionId) continue;
      conn.ws.close(CLOSE.signedOut.code, CLOSE.signedOut.reason);
      closed++;
    }
    return closed;
  }

  /** Closes every socket of a person (deactivation); returns how many. */
  closeUser(userId: string, reason: string): number {
    let closed = 0;
    for (const [, conn] of this.connections()) {
      if (conn.userId !== userId) continue;
      conn.ws.close(CLOSE.deactivated.code, reason.slice(0, 100) || CLOSE.deactivated.reason);
      closed++;
    }
    return closed;
  }
}

export function sessionCheckExtension(checker: SessionChecker, intervalMs: number, log: Logger): CollabExtension {
  let timer: NodeJS.Timeout | undefined;
  return {
    name: "session-check",
    onStart(_api: CollabApi) {
      timer = setInterval(() => void checker.recheck().catch((err) => log.error({ err }, "session recheck failed")), intervalMs);
      timer.unref();
    },
    onDestroy: () => clearInterval(timer),
  };
}
