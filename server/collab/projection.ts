import type { Logger } from "pino";
import { emitBoardChanged } from "../../app/models/board-events.server";
import { projectBoard } from "../../app/models/projection.server";
import type { Room } from "./room";

/**
 * Projects accepted changes into the SQL tables the overview reads, a short moment after a burst
 * of edits (typing a title is many updates), then tells listeners the board changed.
 */
export class ProjectionScheduler {
  private timers = new Map<Room, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly log: Logger,
  ) {}

  schedule(room: Room) {
    if (this.timers.has(room)) return;
    const timer = setTimeout(() => void this.run(room), this.delayMs);
    this.timers.set(room, timer);
  }

  pending(room: Room) {
    return this.timers.has(room);
  }

  /** Runs a scheduled projection now (or unconditionally with `force`). */
  async flush(room: Room, force = false) {
    const timer = this.timers.get(room);
    if (!timer && !force) return;
    clearTimeout(timer);
    await this.run(room);
  }

  private async run(room: Room) {
    this.timers.delete(room);
    const at = new Date();
    try {
      const result = await projectBoard(room.key, room.doc, { at });
      if (!result.ok) this.log.error({ boardId: room.key.id, error: result.error }, "board cannot be projected");
      emitBoardChanged({ boardId: room.key.id, campaignId: room.key.campaignId, schoolId: room.key.schoolId, at: at.toISOString() });
    } catch (err) {
      this.log.error({ err, boardId: room.key.id }, "projection failed");
    }
  }
}
