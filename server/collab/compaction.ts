import type { Logger } from "pino";
import type { CollabExtension } from "./hooks";
import type { BoardStore } from "./persistence";
import type { Room } from "./room";

/**
 * Folds a room's update log into its snapshot: after `every` updates, once the room has been quiet
 * for `idleMs`, before it unloads and on shutdown. Runs inside the room's write queue, so the
 * snapshot and the log's upper bound always describe the same state.
 */
export class Compactor {
  private running = new Set<string>();

  constructor(
    private readonly store: BoardStore,
    private readonly log: Logger,
  ) {}

  async compact(room: Room) {
    if (room.logLength === 0 || this.running.has(room.key.id)) return;
    this.running.add(room.key.id);
    try {
      await room.enqueue(async () => {
        if (room.logLength === 0) return;
        await this.store.compact(room.key.id, room.doc, room.lastUpdateId);
        room.logLength = 0;
      });
    } catch (err) {
      this.log.error({ err, boardId: room.key.id }, "compaction failed");
    } finally {
      this.running.delete(room.key.id);
    }
  }
}

export function compactionExtension(compactor: Compactor, opts: { every: number; idleMs: number }): CollabExtension {
  return {
    name: "compaction",
    onAccepted({ room }) {
      if (room.logLength >= opts.every) void compactor.compact(room);
    },
    async onIdle({ room, idleMs }) {
      if (idleMs >= opts.idleMs) await compactor.compact(room);
    },
    beforeUnload: ({ room }) => compactor.compact(room),
    async onFlush({ rooms }) {
      for (const room of rooms) await compactor.compact(room);
    },
  };
}
