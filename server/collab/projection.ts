import type { Prisma } from "@prisma/client";
import type { Logger } from "pino";
import { emitBoardChanged } from "../../app/models/board-events.server";
import { projectBoard, type Projected } from "../../app/models/projection.server";
import type { CollabExtension } from "./hooks";
import type { Room } from "./room";

/**
 * Projects accepted changes into the SQL tables the overview reads. The first change of a burst is
 * projected at once; later ones at most every `intervalMs` (typing a title is many updates), so the
 * overview moves quickly without re-projecting a board on every keystroke.
 */
export class ProjectionScheduler {
  private timers = new Map<Room, NodeJS.Timeout>();
  private lastRun = new Map<Room, number>();
  /** When a member of the school last changed the board, since the last projection. */
  private activity = new Map<Room, Date>();
  /** What the last projection of each room wrote: the next one rewrites only the cards that changed. */
  private projected = new Map<Room, Projected>();
  /** A projection under way (it no longer holds the room's queue: unload and shutdown wait here). */
  private running = new Map<Room, Promise<void>>();

  constructor(
    private readonly intervalMs: number,
    private readonly log: Logger,
    /**
     * Where the projection's writes run. By default on their own; with several instances, in the
     * board's exclusive section after catching up (ADR 031), so a projection never writes an
     * older state over a newer one.
     */
    private readonly section: (room: Room, project: (tx?: Prisma.TransactionClient) => Promise<void>) => Promise<void> = (_room, project) => project(),
  ) {}

  /** `activityAt`: the change was the school's own (it moves "last activity"); null for the district's. */
  schedule(room: Room, activityAt: Date | null = null) {
    if (activityAt) this.activity.set(room, activityAt);
    if (this.timers.has(room)) return;
    const wait = Math.max(0, (this.lastRun.get(room) ?? 0) + this.intervalMs - Date.now());
    this.timers.set(room, setTimeout(() => void this.run(room), wait));
  }

  pending(room: Room) {
    return this.timers.has(room) || this.running.has(room);
  }

  forget(room: Room) {
    clearTimeout(this.timers.get(room));
    this.timers.delete(room);
    this.lastRun.delete(room);
    this.activity.delete(room);
    this.projected.delete(room);
  }

  /** Runs a scheduled projection now (or unconditionally with `force`), after any under way. */
  async flush(room: Room, force = false) {
    await this.running.get(room);
    const timer = this.timers.get(room);
    if (!timer && !force) return;
    clearTimeout(timer);
    await this.run(room);
  }

  private run(room: Room): Promise<void> {
    const previous = this.running.get(room) ?? Promise.resolve();
    const run = previous.then(() => this.project(room));
    this.running.set(room, run);
    void run.finally(() => {
      if (this.running.get(room) === run) this.running.delete(room);
    });
    return run;
  }

  private async project(room: Room) {
    this.timers.delete(room);
    const at = new Date();
    this.lastRun.set(room, at.getTime());
    const activityAt = this.activity.get(room) ?? null;
    this.activity.delete(room);
    try {
      // projectBoard logs an unreadable board itself. No school change in this burst: last activity stays.
      await this.section(room, async (tx) => {
        const result = await projectBoard(room.key, room.doc, { at: activityAt, tx, previous: this.projected.get(room) ?? null });
        if (result.ok && result.projected) this.projected.set(room, result.projected);
        else this.projected.delete(room);
      });
      emitBoardChanged({ boardId: room.key.id, campaignId: room.key.campaignId, schoolId: room.key.schoolId, at: at.toISOString() });
    } catch (err) {
      this.log.error({ err, boardId: room.key.id }, "projection failed");
    }
  }
}

/** Projection as an extension: scheduled on every accepted update, flushed before unload and on shutdown. */
export function projectionExtension(scheduler: ProjectionScheduler): CollabExtension {
  return {
    name: "projection",
    // "Last activity" is the school's: a change by one of its members (a person editing, not the
    // district's trusted template merge, which has no say in how active a school is).
    onAccepted: ({ room, actor }) => scheduler.schedule(room, actor.userId && !actor.trusted ? new Date() : null),
    beforeUnload: ({ room }) => scheduler.flush(room),
    onUnload: ({ room }) => scheduler.forget(room),
    holdsRoom: (room) => scheduler.pending(room),
    async onFlush({ rooms }) {
      for (const room of rooms) await scheduler.flush(room);
    },
  };
}
