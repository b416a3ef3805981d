import * as Y from "yjs";
import { boardSchema, decodeBoard, describeZodError, foreignRoots, validateTransition, type Board } from "../../app/domain";
import type { Actor, Refusal } from "./hooks";

export type Verdict = { ok: true; changed: false } | { ok: true; changed: true; board: Board } | ({ ok: false } & Refusal);

/**
 * Validation of incoming updates on a shadow replica of the live document. Keeping the replica
 * (rather than cloning the document for every update) keeps the accepted path cheap. Whatever goes
 * wrong while an update is tried — a refusal, or any exception — the replica is rebuilt from the
 * live document before the next one: a hostile update can never stay in it.
 */
export class ShadowValidator {
  private shadow: Y.Doc;

  constructor(private readonly live: Y.Doc) {
    this.shadow = clone(live);
  }

  /**
   * Tries `update` against the board as it is (`before`); `extra` adds rules of the extensions.
   * On `{ok: true, changed: true}` the replica holds the update: the caller commits it to the live
   * document, or calls `rebuild()` if it cannot.
   */
  try(update: Uint8Array, before: Board, actor: Actor, extra: (after: Board) => Refusal | null): Verdict {
    let verdict: Verdict;
    try {
      verdict = this.check(update, before, actor, extra);
    } catch {
      verdict = { ok: false, code: "malformed_update", message: "update cannot be decoded" };
    }
    if (!verdict.ok) this.rebuild();
    return verdict;
  }

  private check(update: Uint8Array, before: Board, actor: Actor, extra: (after: Board) => Refusal | null): Verdict {
    const shadow = this.shadow;
    const stateBefore = Y.encodeStateVector(shadow);
    Y.applyUpdate(shadow, update);
    if (shadow.store.pendingStructs || shadow.store.pendingDs) {
      return { ok: false, code: "missing_dependencies", message: "update depends on changes the server does not have" };
    }
    if (equalBytes(stateBefore, Y.encodeStateVector(shadow)) && !deletesSomething(update)) return { ok: true, changed: false };
    const foreign = foreignRoots(shadow);
    if (foreign.length) return { ok: false, code: "invalid_board", message: `unexpected root types: ${foreign.join(", ")}` };
    const after = decodeBoard(shadow);
    if (actor.trusted) {
      const parsed = boardSchema.safeParse(after);
      if (!parsed.success) return { ok: false, code: "invalid_board", message: describeZodError(parsed.error) };
    } else {
      // validateTransition checks the board schema as well as the school-edit rules.
      const verdict = validateTransition(before, after, actor.userId ? { actorId: actor.userId } : {});
      if (!verdict.ok) return verdict;
    }
    const refusal = extra(after);
    return refusal ? { ok: false, ...refusal } : { ok: true, changed: true, board: after };
  }

  /** Applies an update that is already durable (another instance's), keeping the replica in step. */
  follow(update: Uint8Array) {
    try {
      Y.applyUpdate(this.shadow, update);
    } catch {
      this.rebuild();
    }
  }

  rebuild() {
    this.shadow.destroy();
    this.shadow = clone(this.live);
  }

  destroy() {
    this.shadow.destroy();
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
  return Y.decodeUpdate(update).ds.clients.size > 0;
}
