import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { boardSchema, decodeBoard, describeZodError, foreignRoots, readBoard, ticksNeedingEvidence, validateTransition, type Board } from "../../app/domain";
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
  /** Of these items (ticked by the update, needing evidence), the ones with none attached. */
  missingEvidence?(boardId: string, itemIds: string[]): Promise<string[]>;
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
  /** Set once the room is dropped from memory; late upgrades must not join it. */
  unloaded = false;
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * A replica of `doc` that incoming updates are tried on first. Keeping it (rather than cloning
   * the document for every update) keeps the accepted path cheap; it is rebuilt only after a
   * refusal, the rare case where it has diverged.
   */
  private shadow: Y.Doc;

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
    this.shadow = clone(doc);
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
    const verdict = this.tryOnShadow(update, actor);
    if (!verdict.ok || !verdict.changed) {
      if (!verdict.ok) this.resetShadow();
      return verdict.ok ? { ok: true, changed: false } : verdict;
    }
    const refused = actor.trusted ? null : await this.refuseTicksWithoutEvidence(verdict.board);
    if (refused) {
      this.resetShadow();
      return refused;
    }
    try {
      this.lastUpdateId = await this.store.append(this.key.id, update, actor.userId);
    } catch (error) {
      this.resetShadow();
      throw error;
    }
    Y.applyUpdate(this.doc, update, origin);
    this.board = verdict.board;
    this.logLength++;
    this.hooks.accepted(this);
    return { ok: true, changed: true };
  }

  /** "Cần minh chứng": an item the district marked cannot be ticked until a photo or file is attached. */
  private async refuseTicksWithoutEvidence(after: Board): Promise<SubmitResult | null> {
    const ticked = ticksNeedingEvidence(this.board, after);
    if (!ticked.length || !this.hooks.missingEvidence) return null;
    const missing = await this.hooks.missingEvidence(this.key.id, ticked);
    return missing.length ? { ok: false, code: "evidence_required", message: `attach evidence before ticking: ${missing.join(", ")}` } : null;
  }

  private tryOnShadow(update: Uint8Array, actor: { userId: string | null; trusted?: boolean }):
    | { ok: true; changed: false }
    | { ok: true; changed: true; board: Board }
    | { ok: false; code: string; message: string } {
    const shadow = this.shadow;
    try {
      const before = Y.encodeStateVector(shadow);
      Y.applyUpdate(shadow, update);
      if (shadow.store.pendingStructs || shadow.store.pendingDs) {
        return { ok: false, code: "missing_dependencies", message: "update depends on changes the server does not have" };
      }
      if (equalBytes(before, Y.encodeStateVector(shadow)) && !deletesSomething(update)) return { ok: true, changed: false };
    } catch {
      return { ok: false, code: "malformed_update", message: "update cannot be decoded" };
    }
    const foreign = foreignRoots(shadow);
    if (foreign.length) return { ok: false, code: "invalid_board", message: `unexpected root types: ${foreign.join(", ")}` };
    const after = decodeBoard(shadow);
    if (actor.trusted) {
      const parsed = boardSchema.safeParse(after);
      return parsed.success ? { ok: true, changed: true, board: parsed.data } : { ok: false, code: "invalid_board", message: describeZodError(parsed.error) };
    }
    // validateTransition checks the board schema as well as the school-edit rules.
    const verdict = validateTransition(this.board, after, actor.userId ? { actorId: actor.userId } : {});
    return verdict.ok ? { ok: true, changed: true, board: after } : verdict;
  }

  private resetShadow() {
    this.shadow.destroy();
    this.shadow = clone(this.doc);
  }

  destroy() {
    this.shadow.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
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
