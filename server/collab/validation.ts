import * as Y from "yjs";
import { cardsMap } from "../../app/domain/board-doc";
import {
  boardSchemaProblems,
  decodeBoard,
  foreignRoots,
  newlyTickedItems,
  redecodeCards,
  touchedCards,
  validateTransition,
  type Board,
} from "../../app/domain";
import type { Actor, Refusal } from "./hooks";
import type { Limits } from "./limits";
import { deepestNewType, inspectUpdate, type UpdateShape } from "./update-shape";

export type Verdict =
  | { ok: true; changed: false }
  | {
      ok: true;
      changed: true;
      board: Board;
      /** What to append and apply: the client's update, with the server's stamp merged in. */
      update: Uint8Array;
      /** The server's own change (doneAt stamps), for the sender, who does not have it yet; or null. */
      stamp: Uint8Array | null;
    }
  | ({ ok: false } & Refusal);

export interface TryOptions {
  /** The update's shape if the receiver already measured it. */
  shape?: UpdateShape;
  /** The school's members (assignees must be among them). */
  members?: ReadonlySet<string>;
  /** Rules of the extensions. */
  extra: (after: Board) => Refusal | null;
  now?: Date;
}

/** A doneAt within this of the server's clock is kept; any other is replaced by the server's time. */
export const DONE_AT_SKEW_MS = 2 * 60_000;

/**
 * Validation of incoming updates on a shadow replica of the live document. Keeping the replica
 * (rather than cloning the document for every update) keeps the accepted path cheap. Whatever goes
 * wrong while an update is tried — a refusal, or any exception — the replica is rebuilt from the
 * live document before the next one: a hostile update can never stay in it.
 */
export class ShadowValidator {
  private shadow: Y.Doc;

  constructor(
    private readonly live: Y.Doc,
    private readonly limits: Limits,
    /** Decode and check only the cards an update touched (false: the whole board, every time; for tests). */
    private readonly incremental = true,
  ) {
    this.shadow = clone(live);
  }

  /**
   * Tries `update` against the board as it is (`before`). On `{ok: true, changed: true}` the
   * replica holds the update: the caller commits `verdict.update` to the live document, or calls
   * `rebuild()` if it cannot.
   */
  try(update: Uint8Array, before: Board, actor: Actor, options: TryOptions): Verdict {
    let verdict: Verdict;
    try {
      verdict = this.check(update, before, actor, options);
    } catch {
      verdict = { ok: false, code: "malformed_update", message: "update cannot be decoded" };
    }
    if (!verdict.ok) this.rebuild();
    return verdict;
  }

  private check(update: Uint8Array, before: Board, actor: Actor, options: TryOptions): Verdict {
    const { limits } = this;
    // Bounded before anything walks it: size, content (deleted counted) and, below, nesting.
    if (update.length > limits.maxUpdateBytes) return { ok: false, code: "update_too_large", message: `update over ${limits.maxUpdateBytes} bytes` };
    const shape = options.shape ?? inspectUpdate(update);
    if (shape.contentUnits + shape.deletedUnits > limits.maxUpdateUnits) {
      return { ok: false, code: "update_too_large", message: `update touches over ${limits.maxUpdateUnits} units of content` };
    }
    const shadow = this.shadow;
    const transaction = applyCapturing(shadow, update);
    if (shadow.store.pendingStructs || shadow.store.pendingDs) {
      return { ok: false, code: "missing_dependencies", message: "update depends on changes the server does not have" };
    }
    // No new item and nothing newly deleted: a no-op, neither stored nor counted as activity. A
    // client's sync always carries its whole delete set, so "has deletions" is not "deletes something".
    if (!changedState(transaction)) return { ok: true, changed: false };
    if (deepestNewType(shadow, shape.types, limits.maxTypeDepth) > limits.maxTypeDepth) {
      return { ok: false, code: "too_deep", message: `shared types nest deeper than ${limits.maxTypeDepth}` };
    }
    const foreign = foreignRoots(shadow);
    if (foreign.length) return { ok: false, code: "invalid_board", message: `unexpected root types: ${foreign.join(", ")}` };
    // Only the cards the update touched are decoded and checked again (ADR 048); anything else it
    // changed (meta, another root) and the whole board is.
    const touched = this.incremental ? touchedCards(shadow, transaction, limits.maxTypeDepth) : null;
    const decode = () => (touched ? redecodeCards(shadow, before, touched) : decodeBoard(shadow));
    let after = decode();
    if (actor.trusted) {
      const invalid = boardSchemaProblems(after, touched ? before : undefined);
      if (invalid) return { ok: false, code: "invalid_board", message: invalid };
    } else {
      // validateTransition checks the board schema as well as the school-edit rules.
      const verdict = validateTransition(before, after, { ...(actor.userId ? { actorId: actor.userId } : {}), members: options.members, unchangedCardsShared: !!touched });
      if (!verdict.ok) return verdict;
    }
    const refusal = options.extra(after);
    if (refusal) return { ok: false, ...refusal };
    const stamp = actor.trusted ? null : this.stampDoneAt(before, after, options.now ?? new Date());
    // The stamp only sets doneAt of items the update ticked: in cards it touched.
    if (stamp) after = decode();
    return { ok: true, changed: true, board: after, update: stamp ? Y.mergeUpdates([update, stamp]) : update, stamp };
  }

  /**
   * The server stamps when an item was ticked: a client's doneAt is kept only when it agrees with
   * the server's clock (a live tick); a back- or future-dated one, or an offline tick synced later,
   * gets the time the server accepted it. Returns the stamping update, applied to the replica.
   */
  private stampDoneAt(before: Board, after: Board, now: Date): Uint8Array | null {
    const off = newlyTickedItems(before, after).filter((t) => !t.doneAt || Math.abs(Date.parse(t.doneAt) - now.getTime()) > DONE_AT_SKEW_MS);
    if (off.length === 0) return null;
    let stamp: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (stamp = u);
    this.shadow.once("update", capture);
    this.shadow.transact(() => {
      const cards = cardsMap(this.shadow);
      for (const t of off) {
        const items = (cards.get(t.cardId) as Y.Map<unknown> | undefined)?.get("checklist") as Y.Map<Y.Map<unknown>> | undefined;
        items?.get(t.itemId)?.set("doneAt", now.toISOString());
      }
    });
    return stamp;
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

/** Applies `update` and returns the transaction it ran in (what it changed, for touchedCards). */
function applyCapturing(doc: Y.Doc, update: Uint8Array): Y.Transaction {
  let captured: Y.Transaction | null = null;
  const capture = (tr: Y.Transaction) => (captured = tr);
  doc.on("afterTransaction", capture);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    doc.off("afterTransaction", capture);
  }
  return captured!;
}

/**
 * Whether a transaction added an item or deleted one that was not deleted yet: the same test as
 * comparing the document's snapshots before and after, without building them (each walks the
 * whole document).
 */
function changedState(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  if (tr.afterState.size !== tr.beforeState.size) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

