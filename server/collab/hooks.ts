import type { Logger } from "pino";
import type { Board } from "../../app/domain";
import type { Connection } from "./connection";
import type { Room } from "./room";

/** Who sent an update: a person (WebSocket or HTTP), or the system (campaign jobs: userId null). */
export interface Actor {
  userId: string | null;
  /** District template merges: skips the school-edit rules, never the board schema. */
  trusted?: boolean;
}

export interface Refusal {
  code: string;
  message: string;
}

export interface AcceptedEvent {
  room: Room;
  /** The update as appended to the log (the client's, plus any server stamp merged in). */
  update: Uint8Array;
  /** Its id in the board's log (BoardUpdate.id): a sequence per board, for gap detection. */
  updateId: number;
  /** The board's previous log id when this one was appended: a receiver at `prevId` has no gap. */
  prevId: number;
  /** How long validation and the durable append took (the board's exclusive section, commit included). */
  appendMs: number;
  before: Board;
  after: Board;
  actor: Actor;
  /** The connection it came from (null: HTTP, jobs, another instance). */
  origin: Connection | null;
}

/**
 * The extension points of the collaboration server, Hocuspocus-style: each part along an update's
 * path that is not the core (projection, compaction, presence fan-out, the activity feed, Redis
 * fan-out…) is a `CollabExtension` in the list given to `createCollabService`, run in list order.
 * See docs/collab-server.md.
 */
export interface CollabExtension {
  name: string;
  /** Once, when the service starts: the handle to push changes from elsewhere (another instance). */
  onStart?(api: CollabApi): void | Promise<void>;
  /** A room was loaded from the database, before anyone syncs with it. */
  onLoad?(event: { room: Room }): void | Promise<void>;
  /**
   * Extra rules after the domain's (`validateTransition`) passed, on the decoded boards; return a
   * refusal to refuse the update. Synchronous and pure: it runs on every update.
   */
  onValidate?(event: { room: Room; before: Board; after: Board; actor: Actor }): Refusal | void;
  /**
   * An update is durable in the log and applied to the live document (already broadcast locally).
   * Called in acceptance order inside the room's write queue, and NOT awaited: do ordered work
   * synchronously (e.g. issue the publish), defer heavy work; a rejection is logged.
   */
  onAccepted?(event: AcceptedEvent): void | Promise<void>;
  /** An update was refused (not stored, not broadcast). */
  onRefused?(event: { room: Room; actor: Actor; refusal: Refusal; origin: Connection | null }): void;
  /** Presence changed in a room (after validation); `update` is the encoded awareness update. */
  onPresence?(event: { room: Room; update: Uint8Array; changed: number[]; origin: Connection | null }): void;
  onConnect?(event: { room: Room; conn: Connection }): void;
  onDisconnect?(event: { room: Room; conn: Connection }): void;
  /** Before a room leaves memory (nobody connected): finish the room's pending work. */
  beforeUnload?(event: { room: Room }): Promise<void> | void;
  /** The room has left memory: forget what is kept about it. */
  onUnload?(event: { room: Room }): void;
  /** Keeps an idle room in memory while it returns true (e.g. a projection still pending). */
  holdsRoom?(room: Room): boolean;
  /** A room has been quiet for `idleMs` (checked every sweep): idle work such as compaction. */
  onIdle?(event: { room: Room; idleMs: number }): Promise<void> | void;
  /** Shutdown: write what is pending. Connections are already closed. */
  onFlush?(event: { rooms: Room[] }): Promise<void> | void;
  /** After shutdown: stop timers. */
  onDestroy?(): void;
}

/** What an extension may do to the service from outside a connection (see `onStart`). */
export interface CollabApi {
  /** The room of a board if it is in memory (never loads it). */
  loadedRoom(boardId: string): Room | null;
  /** Applies an update another instance already made durable (id `updateId`) and broadcasts it. */
  applyDurable(boardId: string, update: Uint8Array, updateId: number): Promise<boolean>;
  /**
   * Applies an update another instance published, unless it shows a gap (`prevId` is not this
   * room's last id): then the room catches up from the database log instead.
   */
  applyPublished(boardId: string, update: Uint8Array, updateId: number, prevId: number): Promise<void>;
  /** Catches a loaded room up from the database log (after a lost message or a Redis reconnect). */
  catchUp(boardId: string): Promise<number>;
  /** Relays an encoded awareness update from another instance to this room's sockets. */
  applyPresence(boardId: string, update: Uint8Array): void;
  /** The rooms in memory. */
  rooms(): Room[];
}

type HookName = Exclude<keyof CollabExtension, "name" | "holdsRoom" | "onValidate">;

/** Runs one hook of every extension, in order. Errors are logged, never thrown to the caller. */
export function runHooks<K extends HookName>(
  extensions: readonly CollabExtension[],
  hook: K,
  event: Parameters<NonNullable<CollabExtension[K]>>[0],
  log: Logger,
): void {
  for (const ext of extensions) {
    const fn = ext[hook] as ((e: unknown) => unknown) | undefined;
    if (!fn) continue;
    try {
      const result = fn.call(ext, event);
      if (result instanceof Promise) result.catch((err) => log.error({ err, extension: ext.name, hook }, "collab hook failed"));
    } catch (err) {
      log.error({ err, extension: ext.name, hook }, "collab hook failed");
    }
  }
}

/** Runs one hook of every extension in order, awaiting each (load, unload, flush). */
export async function runHooksInOrder<K extends "onLoad" | "beforeUnload" | "onFlush" | "onStart" | "onIdle">(
  extensions: readonly CollabExtension[],
  hook: K,
  event: Parameters<NonNullable<CollabExtension[K]>>[0],
  log: Logger,
): Promise<void> {
  for (const ext of extensions) {
    const fn = ext[hook] as ((e: unknown) => unknown) | undefined;
    if (!fn) continue;
    try {
      await fn.call(ext, event);
    } catch (err) {
      log.error({ err, extension: ext.name, hook }, "collab hook failed");
    }
  }
}

/** The first refusal any extension's `onValidate` gives, if any. */
export function extensionRefusal(extensions: readonly CollabExtension[], event: Parameters<NonNullable<CollabExtension["onValidate"]>>[0]): Refusal | null {
  for (const ext of extensions) {
    const refusal = ext.onValidate?.(event);
    if (refusal) return refusal;
  }
  return null;
}
