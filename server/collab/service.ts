import type http from "node:http";
import type { Duplex } from "node:stream";
import type { Prisma } from "@prisma/client";
import * as Y from "yjs";
import { WebSocketServer, type WebSocket } from "ws";
import { isDomainError } from "../../app/domain";
import type { ChangeResult, CollabService } from "../../app/models/collab.server";
import { itemsWithoutEvidence } from "../../app/models/evidence.server";
import { dbProvider, getDb } from "../../app/utils/db.server";
import { getEnv } from "../../app/utils/env.server";
import { getLogger } from "../../app/utils/logger.server";
import { refuseUpgrade, type UpgradeRoute } from "../upgrade";
import { activityExtension } from "./activity";
import { createActivityRecorder } from "../../app/models/activity.server";
import { compactionExtension, Compactor } from "./compaction";
import { createConnection } from "./connection";
import { runHooks, runHooksInOrder, type CollabApi, type CollabExtension } from "./hooks";
import { LIMITS, type Limits } from "./limits";
import { schoolMemberIds } from "../../app/models/collab-members.server";
import { SqliteAppendLog, sqliteFile } from "./append-log";
import { PgEditLog } from "./pg-edit-log";
import { BoardStore } from "./persistence";
import { ProjectionScheduler, projectionExtension } from "./projection";
import { CLOSE } from "./protocol";
import { attachReceiver } from "./receiver";
import { RoomRegistry } from "./rooms";
import { SessionChecker, sessionCheckExtension } from "./session-check";
import { authenticateUpgrade } from "./upgrade-auth";
import { refreezeCampaign } from "./campaign-freeze";
import { FROZEN } from "./room";

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
  /** Longest a board's activity waits to be written with what follows it (ms; app/models/activity.server.ts). */
  activityWindowMs?: number;
  /** Lower or raise limits of server/collab/limits.ts (tests). */
  limits?: Partial<Limits>;
  /** More parts plugged into the update's path (activity feed, cross-instance fan-out…), run after the built-in ones. */
  extensions?: CollabExtension[];
}

export type CollabServer = CollabService & {
  route: UpgradeRoute;
  /** Rooms in memory (for tests and /metrics). */
  roomCount(): number;
  /** Open WebSocket connections (for /metrics). */
  connectionCount(): number;
  /** Re-projects boards whose log holds updates not yet folded (recovery after a crash). */
  recover(): Promise<number>;
  /** Starts the extensions (timers, subscriptions); called once by the server. */
  start(): Promise<void>;
};

/**
 * The collaboration server, composed from its parts (docs/collab-server.md): upgrade
 * authentication → message receiver (decoding, limits) → room (validation on the shadow replica →
 * durable append → apply) → local broadcast → extensions (projection, compaction, session
 * re-check, and whatever `options.extensions` adds).
 */
export function createCollabService(options: CollabOptions = {}): CollabServer {
  const opts = { compactEvery: 200, idleCompactMs: 10_000, unloadAfterMs: 60_000, projectionDelayMs: 500, sessionCheckMs: 60_000, ...options };
  const db = getDb();
  const log = getLogger().child({ component: "collab" });
  // Several instances can share a PostgreSQL database: coordinate writes per board (ADR 031).
  // SQLite: appends are group-committed on a connection of their own (ADR 048).
  const sqlite = dbProvider() === "sqlite";
  const store = new BoardStore(
    db,
    !sqlite,
    sqlite ? new SqliteAppendLog(sqliteFile(getEnv().DATABASE_URL), { synchronous: getEnv().SQLITE_SYNCHRONOUS === "full" ? "FULL" : "NORMAL" }) : null,
    sqlite ? null : new PgEditLog(getEnv().DATABASE_URL, (err) => log.warn({ err: err.message }, "an idle edit connection to PostgreSQL broke")),
  );
  const extensions: CollabExtension[] = [];
  const limits: Limits = { ...LIMITS, ...opts.limits };
  const registry = new RoomRegistry({ db, store, extensions, log, limits, members: schoolMemberIds, missingEvidence: (boardId, itemIds) => itemsWithoutEvidence(boardId, itemIds, db) });
  const sessions = new SessionChecker(() => registry.all());
  const projection = new ProjectionScheduler(
    opts.projectionDelayMs,
    log,
    store.coordinate
      ? (room, project) =>
          // Under the projection's own lock (ADR 052): catch up to the log's head, then write. The
          // room's queue is held only to apply what was read, never while the projection writes.
          store.projecting(room.key.id, async (tx) => {
            const tail = await tx.tail(room.lastUpdateId);
            await room.enqueue(() => room.catchUp(tail));
            await project(tx.db as Prisma.TransactionClient);
          })
      : undefined,
  );
  extensions.push(
    projectionExtension(projection),
    compactionExtension(new Compactor(store, log), { every: opts.compactEvery, idleMs: opts.idleCompactMs }),
    sessionCheckExtension(sessions, opts.sessionCheckMs, log),
    activityExtension(createActivityRecorder(db, { windowMs: opts.activityWindowMs })),
    ...(opts.extensions ?? []),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  /** Open sockets per person, across boards (LIMITS.socketsPerUser). */
  const socketsOf = new Map<string, number>();

  const sweeper = setInterval(
    () => void registry.sweep(opts.unloadAfterMs).catch((err) => log.error({ err }, "room sweep failed")),
    Math.max(250, Math.min(opts.idleCompactMs, opts.unloadAfterMs) / 2),
  );
  sweeper.unref();

  async function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    const verdict = await authenticateUpgrade(req, (id) => registry.get(id));
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.message);
    const { user, room, access } = verdict;
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // The room was unloaded while this upgrade was in flight: let the client reconnect to a fresh one.
      if (room.unloaded) return ws.close(1012, "room reloading; reconnect");
      // A clear close code rather than a refused upgrade: a browser's WebSocket cannot read an HTTP status.
      const open = socketsOf.get(user.userId) ?? 0;
      if (open >= limits.socketsPerUser) return ws.close(CLOSE.tooManySockets.code, CLOSE.tooManySockets.reason);
      socketsOf.set(user.userId, open + 1);
      // Only the cookie is kept, to check the session again later (see session-check.ts).
      const conn = createConnection(ws, user, access, req.headers.cookie ?? "", limits);
      room.connections.add(conn);
      log.info({ boardId: room.key.id, userId: user.userId, access }, "connected");
      attachReceiver(room, conn, { log, limits });
      runHooks(extensions, "onConnect", { room, conn }, log);
      ws.on("close", () => {
        const left = (socketsOf.get(user.userId) ?? 1) - 1;
        if (left > 0) socketsOf.set(user.userId, left);
        else socketsOf.delete(user.userId);
        room.connections.delete(conn);
        room.lastActivity = Date.now();
        runHooks(extensions, "onDisconnect", { room, conn }, log);
      });
    });
  }

  const api: CollabApi = {
    loadedRoom: (boardId) => registry.loadedRoom(boardId),
    rooms: () => registry.all(),
    async applyDurable(boardId, update, updateId) {
      const room = registry.loadedRoom(boardId);
      return room ? room.enqueue(() => room.applyDurable(update, updateId)) : false;
    },
    async applyPublished(boardId, update, updateId, prevId) {
      const room = registry.loadedRoom(boardId);
      if (!room) return;
      await room.enqueue(async () => {
        if (updateId <= room.lastUpdateId) return;
        if (prevId === room.lastUpdateId) room.applyDurable(update, updateId);
        else room.catchUp(await store.tail(boardId, room.lastUpdateId));
      });
    },
    async catchUp(boardId) {
      const room = registry.loadedRoom(boardId);
      if (!room) return 0;
      return room.enqueue(async () => room.catchUp(await store.tail(boardId, room.lastUpdateId)));
    },
    applyPresence(boardId, update) {
      registry.loadedRoom(boardId)?.presence.applyRemote(update);
    },
  };

  const service: CollabServer = {
    async change(boardId, mutate, { userId, trusted }): Promise<ChangeResult> {
      const room = await registry.get(boardId);
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
        if (result.ok) return result;
        return { ok: false as const, status: result.code === FROZEN.code ? (409 as const) : (422 as const), code: result.code, message: result.message };
      });
    },
    async readDoc(boardId) {
      const room = await registry.get(boardId);
      if (!room) throw new Error(`No board ${boardId}`);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      return copy;
    },
    async release(boardId) {
      const room = await registry.get(boardId).catch(() => null);
      if (room && room.connections.size === 0) await registry.unload(room);
    },
    async campaignStatusChanged(campaignId) {
      const { frozen, downgraded } = await refreezeCampaign(db, registry.all(), campaignId);
      // Reopened: write access comes back through the permissions module, as on any recheck.
      if (!frozen) await sessions.recheck();
      return downgraded;
    },
    disconnectUser: (userId, reason) => sessions.closeUser(userId, reason),
    closeSession: (sessionId) => sessions.closeSession(sessionId),
    async flush() {
      clearInterval(sweeper);
      for (const room of registry.all()) for (const conn of room.connections) conn.ws.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      await runHooksInOrder(extensions, "onFlush", { rooms: registry.all() }, log);
      runHooks(extensions, "onDestroy", undefined, log);
    },
    roomCount: () => registry.size,
    connectionCount: () => registry.all().reduce((n, room) => n + room.connections.size, 0),
    async recover() {
      const stale = await db.boardUpdate.findMany({ distinct: ["boardId"], select: { boardId: true } });
      for (const { boardId } of stale) {
        const room = await registry.get(boardId);
        if (room) await projection.flush(room, true);
      }
      return stale.length;
    },
    async start() {
      await runHooksInOrder(extensions, "onStart", api, log);
    },
    route: {
      prefix: "/collab/",
      handle: (req, socket, head) => handleUpgrade(req, socket, head),
      close: async () => {
        await service.flush();
        wss.close();
        store.close();
      },
    },
  };
  return service;
}
