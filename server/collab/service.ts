import type http from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, type WebSocket } from "ws";
import { z } from "zod";
import { boardAccess } from "../../app/domain/permissions";
import { isDomainError } from "../../app/domain";
import type { ChangeResult, CollabService } from "../../app/models/collab.server";
import { itemsWithoutEvidence } from "../../app/models/evidence.server";
import { getDb } from "../../app/utils/db.server";
import { getLogger } from "../../app/utils/logger.server";
import { getSessionUser } from "../../app/utils/permissions.server";
import { refuseUpgrade, type UpgradeRoute } from "../upgrade";
import { attachConnection } from "./session";
import { BoardStore } from "./persistence";
import { Room, type RoomKey } from "./room";
import { ProjectionScheduler } from "./projection";
import { CLOSE, LIMITS, send, updateMessage, type Connection } from "./connection";

export interface CollabOptions {
  /** Compact the log into a snapshot after this many updates… */
  compactEvery?: number;
  /** …or once a room has been quiet this long (ms). */
  idleCompactMs?: number;
  /** Unload a room with no connections after this long idle (ms). */
  unloadAfterMs?: number;
  /** Delay before projecting a burst of changes into SQL (ms). */
  projectionDelayMs?: number;
  /** How often open connections' sessions and access are checked again (ms). */
  sessionCheckMs?: number;
}

const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export type CollabServer = CollabService & {
  route: UpgradeRoute;
  /** Rooms in memory (for tests and /metrics). */
  roomCount(): number;
  /** Re-projects boards whose log holds updates not yet folded (recovery after a crash). */
  recover(): Promise<number>;
};

export function createCollabService(options: CollabOptions = {}): CollabServer {
  const opts = { compactEvery: 200, idleCompactMs: 10_000, unloadAfterMs: 60_000, projectionDelayMs: 500, sessionCheckMs: 60_000, ...options };
  const db = getDb();
  const log = getLogger().child({ component: "collab" });
  const store = new BoardStore(db);
  const rooms = new Map<string, Promise<Room>>();
  const projection = new ProjectionScheduler(opts.projectionDelayMs, log);
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxMessageBytes });
  const compacting = new Set<string>();

  async function compact(room: Room) {
    if (room.logLength === 0 || compacting.has(room.key.id)) return;
    compacting.add(room.key.id);
    try {
      await room.enqueue(async () => {
        if (room.logLength === 0) return;
        await store.compact(room.key.id, room.doc, room.lastUpdateId);
        room.logLength = 0;
      });
    } catch (err) {
      log.error({ err, boardId: room.key.id }, "compaction failed");
    } finally {
      compacting.delete(room.key.id);
    }
  }

  const hooks = {
    accepted(room: Room) {
      projection.schedule(room);
      if (room.logLength >= opts.compactEvery) void compact(room);
    },
    missingEvidence: (boardId: string, itemIds: string[]) => itemsWithoutEvidence(boardId, itemIds, db),
  };

  async function loadRoom(key: RoomKey): Promise<Room> {
    const loaded = await store.load(key.id);
    const room = new Room(key, loaded.doc, loaded, store, hooks);
    room.doc.on("update", (update: Uint8Array, origin: unknown) => broadcastUpdate(room, update, origin));
    log.debug({ boardId: key.id, logLength: loaded.logLength }, "room loaded");
    return room;
  }

  /** The room of a board, loaded from the database before anyone syncs with it. */
  async function getRoom(boardId: string): Promise<Room | null> {
    let pending = rooms.get(boardId);
    if (!pending) {
      const board = await db.board.findUnique({ where: { id: boardId }, include: { school: { select: { districtId: true } } } });
      if (!board) return null;
      pending = rooms.get(boardId);
      if (!pending) {
        pending = loadRoom({ id: board.id, campaignId: board.campaignId, schoolId: board.schoolId, districtId: board.school.districtId });
        rooms.set(boardId, pending);
        pending.catch(() => rooms.delete(boardId));
      }
    }
    return pending;
  }

  const connections = new Map<Room, Set<Connection>>();
  function broadcastUpdate(room: Room, update: Uint8Array, origin: unknown) {
    const message = updateMessage(update);
    for (const conn of connections.get(room) ?? []) if (conn !== origin) send(conn, message);
  }

  /** Frees a room nobody is connected to: its changes are projected and compacted first. */
  async function unload(boardId: string, room: Room) {
    await projection.flush(room);
    await compact(room);
    if ((connections.get(room)?.size ?? 0) > 0 || room.unloaded) return;
    room.unloaded = true;
    rooms.delete(boardId);
    connections.delete(room);
    projection.forget(room);
    room.destroy();
    log.debug({ boardId }, "room unloaded");
  }

  // Idle work: compact quiet rooms, unload empty ones so memory stays bounded.
  const sweeper = setInterval(async () => {
    const now = Date.now();
    for (const [boardId, pending] of rooms) {
      const room = await pending.catch(() => null);
      if (!room) continue;
      const idle = now - room.lastActivity;
      if (idle >= opts.idleCompactMs) await compact(room);
      if ((connections.get(room)?.size ?? 0) === 0 && idle >= opts.unloadAfterMs && !projection.pending(room)) await unload(boardId, room);
    }
  }, Math.max(250, Math.min(opts.idleCompactMs, opts.unloadAfterMs) / 2));
  sweeper.unref();

  /**
   * A socket outlives the request that opened it: every so often, ask again whether each
   * connection's session is still valid and what it may do. Signed out or expired → 4401;
   * no longer allowed on this board → 4403; write access withdrawn → read-only from now on.
   */
  async function recheck() {
    for (const [room, set] of connections) {
      for (const conn of set) {
        const user = await getSessionUser(new Headers({ cookie: conn.cookie }));
        if (!user || user.userId !== conn.userId) {
          conn.ws.close(CLOSE.signedOut.code, CLOSE.signedOut.reason);
          continue;
        }
        const access = boardAccess(user, { districtId: room.key.districtId, schoolId: room.key.schoolId });
        if (access === "none") conn.ws.close(CLOSE.deactivated.code, "access to this board withdrawn");
        else conn.access = access;
      }
    }
  }
  const rechecker = setInterval(() => void recheck().catch((err) => log.error({ err }, "session recheck failed")), opts.sessionCheckMs);
  rechecker.unref();

  async function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? "/", "http://localhost");
    const boardId = url.pathname.slice("/collab/".length);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);

    // Browsers always send Origin on a WebSocket handshake: refuse pages of other sites (and "null").
    const origin = req.headers.origin;
    if (origin && originHost(origin) !== req.headers.host) return refuseUpgrade(socket, 403, "Cross-origin WebSocket refused");
    const user = await getSessionUser(headers);
    if (!user) return refuseUpgrade(socket, 401, "Sign in first");
    if (!boardIdSchema.safeParse(boardId).success) return refuseUpgrade(socket, 404, "No such board");
    const room = await getRoom(boardId);
    if (!room) return refuseUpgrade(socket, 404, "No such board");
    const access = boardAccess(user, { districtId: room.key.districtId, schoolId: room.key.schoolId });
    if (access === "none") return refuseUpgrade(socket, 403, "No access to this board");

    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // The room was unloaded while this upgrade was in flight: let the client reconnect to a fresh one.
      if (room.unloaded) return ws.close(1012, "room reloading; reconnect");
      const conn: Connection = {
        ws,
        // Only the cookie is kept, to check the session again later (see `recheck`).
        cookie: req.headers.cookie ?? "",
        userId: user.userId,
        access,
        awarenessClients: new Set(),
        tokens: LIMITS.burst,
        lastRefill: Date.now(),
        warnedReadOnly: false,
        refusals: { since: 0, count: 0 },
      };
      let set = connections.get(room);
      if (!set) connections.set(room, (set = new Set()));
      set.add(conn);
      log.info({ boardId, userId: user.userId, access }, "connected");
      attachConnection(room, conn, { log, peers: () => connections.get(room) ?? new Set() });
      ws.on("close", () => {
        connections.get(room)?.delete(conn);
        room.lastActivity = Date.now();
      });
    });
  }

  const service: CollabServer = {
    async change(boardId, mutate, { userId, trusted }): Promise<ChangeResult> {
      const room = await getRoom(boardId);
      if (!room) return { ok: false, status: 404, code: "board_not_found", message: `No board ${boardId}` };
      return room.enqueue(async () => {
        // Run the mutation on a copy and capture its update, so it takes the same path as a client's.
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
        const updates: Uint8Array[] = [];
        copy.on("update", (u: Uint8Array) => updates.push(u));
        try {
          mutate(copy);
        } catch (error) {
          if (isDomainError(error)) {
            const notFound = error.code === "card_not_found" || error.code === "item_not_found";
            return { ok: false as const, status: notFound ? 404 : 422, code: error.code, message: error.message };
          }
          throw error;
        } finally {
          copy.destroy();
        }
        if (updates.length === 0) return { ok: true as const, changed: false };
        const result = await room.submit(Y.mergeUpdates(updates), { userId, trusted }, null);
        return result.ok ? result : { ok: false as const, status: 422 as const, code: result.code, message: result.message };
      });
    },
    async readDoc(boardId) {
      const room = await getRoom(boardId);
      if (!room) throw new Error(`No board ${boardId}`);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      return copy;
    },
    async release(boardId) {
      const pending = rooms.get(boardId);
      const room = pending && (await pending.catch(() => null));
      if (room && (connections.get(room)?.size ?? 0) === 0) await unload(boardId, room);
    },
    disconnectUser(userId, reason) {
      let closed = 0;
      for (const set of connections.values()) {
        for (const conn of set) {
          if (conn.userId !== userId) continue;
          conn.ws.close(CLOSE.deactivated.code, reason.slice(0, 100) || CLOSE.deactivated.reason);
          closed++;
        }
      }
      return closed;
    },
    async flush() {
      clearInterval(sweeper);
      clearInterval(rechecker);
      for (const set of connections.values()) for (const conn of set) conn.ws.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      for (const pending of rooms.values()) {
        const room = await pending.catch(() => null);
        if (!room) continue;
        await projection.flush(room);
        await compact(room);
      }
    },
    roomCount: () => rooms.size,
    async recover() {
      const stale = await db.boardUpdate.findMany({ distinct: ["boardId"], select: { boardId: true } });
      for (const { boardId } of stale) {
        const room = await getRoom(boardId);
        if (room) await projection.flush(room, true);
      }
      return stale.length;
    },
    route: {
      prefix: "/collab/",
      handle: (req, socket, head) => handleUpgrade(req, socket, head),
      close: async () => {
        await service.flush();
        wss.close();
      },
    },
  };
  return service;
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
