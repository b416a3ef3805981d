import type { PrismaClient } from "@prisma/client";
import type { Logger } from "pino";
import { isFrozen } from "../../app/domain/campaign";
import { attachLocalBroadcast } from "./broadcast";
import { runHooks, runHooksInOrder } from "./hooks";
import { Room, type RoomDeps, type RoomKey } from "./room";

/**
 * The rooms in memory: one per board, loaded from the database before anyone syncs with it,
 * unloaded when nobody has used it for a while (after the extensions finished its pending work).
 */
export class RoomRegistry {
  private rooms = new Map<string, Promise<Room>>();
  private loaded = new Map<string, Room>();

  constructor(
    private readonly deps: Omit<RoomDeps, "log"> & { db: PrismaClient; log: Logger },
  ) {}

  /** The room of a board (null: no such board). */
  async get(boardId: string): Promise<Room | null> {
    let pending = this.rooms.get(boardId);
    if (!pending) {
      const board = await this.deps.db.board.findUnique({
        where: { id: boardId },
        include: { school: { select: { districtId: true } }, campaign: { select: { status: true } } },
      });
      if (!board) return null;
      pending = this.rooms.get(boardId);
      if (!pending) {
        pending = this.load({ id: board.id, campaignId: board.campaignId, schoolId: board.schoolId, districtId: board.school.districtId }, isFrozen(board.campaign.status));
        this.rooms.set(boardId, pending);
        pending.then(
          (room) => this.loaded.set(boardId, room),
          () => this.rooms.delete(boardId),
        );
      }
    }
    return pending;
  }

  /** A room already in memory (never loads). */
  loadedRoom(boardId: string): Room | null {
    return this.loaded.get(boardId) ?? null;
  }

  all(): Room[] {
    return [...this.loaded.values()];
  }

  get size() {
    return this.rooms.size;
  }

  private async load(key: RoomKey, frozen: boolean): Promise<Room> {
    const { store, extensions, log, limits, members, missingEvidence } = this.deps;
    const loaded = await store.load(key.id);
    const room = new Room(key, loaded.doc, loaded, { store, extensions, log, limits, members, missingEvidence });
    room.frozen = frozen;
    await room.loadMembers();
    attachLocalBroadcast(room);
    await runHooksInOrder(extensions, "onLoad", { room }, log);
    log.debug({ boardId: key.id, logLength: loaded.logLength }, "room loaded");
    return room;
  }

  /** Frees a room nobody is connected to, once the extensions have finished its pending work. */
  async unload(room: Room) {
    const { extensions, log } = this.deps;
    await runHooksInOrder(extensions, "beforeUnload", { room }, log);
    if (room.connections.size > 0 || room.unloaded) return;
    room.unloaded = true;
    this.rooms.delete(room.key.id);
    this.loaded.delete(room.key.id);
    runHooks(extensions, "onUnload", { room }, log);
    room.destroy();
    log.debug({ boardId: room.key.id }, "room unloaded");
  }

  /** Idle work for quiet rooms, and unloading of empty ones so memory stays bounded. */
  async sweep(unloadAfterMs: number, now = Date.now()) {
    const { extensions, log } = this.deps;
    for (const room of this.all()) {
      const idleMs = now - room.lastActivity;
      await runHooksInOrder(extensions, "onIdle", { room, idleMs }, log);
      const held = extensions.some((e) => e.holdsRoom?.(room));
      if (room.connections.size === 0 && idleMs >= unloadAfterMs && !held) await this.unload(room);
    }
  }
}
