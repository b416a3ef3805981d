import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { readBoard, validateTransition, type Board } from "../../app/domain";
import type { BoardStore } from "./persistence";

export interface RoomKey {
  id: string;
  campaignId: string;
  schoolId: string;
  districtId: string;
}

export type SubmitResult =
  | { ok: true; changed: boolean }
  | { ok: false; code: string; message: string };

export interface RoomHooks {
  /** After an update is durable and applied: projection, compaction scheduling. */
  accepted(room: Room): void;
}

/**
 * One live board: its Y.Doc, presence, connections and a write queue. Every write, from any
 * source, goes through `submit`: validate on a copy → append to the durable log → apply → broadcast.
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  board: Board;
  lastUpdateId: number;
  /** Updates appended since the last compaction. */
  logLength: number;
  lastActivity = Date.now();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly key: RoomKey,
    readonly doc: Y.Doc,
    loaded: { lastUpdateId: number; logLength: number },
    private readonly store: BoardStore,
    private readonly hooks: RoomHooks,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    const decoded = readBoard(doc);
    if (!decoded.ok) throw new Error(`board ${key.id} cannot be read: ${decoded.error}`);
    this.board = decoded.board;
    this.lastUpdateId = loaded.lastUpdateId;
    this.logLength = loaded.logLength;
  }

  /** Runs `fn` after every write queued before it: one writer per room, in arrival order. */
  enqueue<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Validates an incoming update against the domain rules on a copy of the document; if it is
   * acceptable, commits it to the log, then applies it (which broadcasts through doc 'update').
   * Call inside `enqueue`.
   */
  async submit(update: Uint8Array, actor: { userId: string | null; trusted?: boolean }, origin: unknown): Promise<SubmitResult> {
    this.lastActivity = Date.now();
    const copy = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      const before = Y.encodeStateVector(copy);
      Y.applyUpdate(copy, update);
      if (copy.store.pendingStructs || copy.store.pendingDs) {
        return { ok: false, code: "missing_dependencies", message: "update depends on changes the server does not have" };
      }
      if (equalBytes(before, Y.encodeStateVector(copy)) && !deletesSomething(update)) return { ok: true, changed: false };
    } catch {
      return { ok: false, code: "malformed_update", message: "update cannot be decoded" };
    }

    const after = readBoard(copy);
    if (!after.ok) return { ok: false, code: "invalid_board", message: after.error };
    if (!actor.trusted) {
      const verdict = validateTransition(this.board, after.board, actor.userId ? { actorId: actor.userId } : {});
      if (!verdict.ok) return { ok: false, code: verdict.code, message: verdict.message };
    }

    const id = await this.store.append(this.key.id, update, actor.userId);
    Y.applyUpdate(this.doc, update, origin);
    this.board = after.board;
    this.lastUpdateId = id;
    this.logLength++;
    this.hooks.accepted(this);
    return { ok: true, changed: true };
  }

  destroy() {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A pure deletion does not move the state vector; look at the update's delete set. */
function deletesSomething(update: Uint8Array): boolean {
  try {
    return Y.decodeUpdate(update).ds.clients.size > 0;
  } catch {
    return true;
  }
}
