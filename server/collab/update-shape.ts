import * as Y from "yjs";
import { MalformedMessage } from "./errors";

/** What an update holds, measured before anything applies or walks it. */
export interface UpdateShape {
  /** Inserted content units (characters, array entries, deleted placeholders…): what it costs to keep. */
  contentUnits: number;
  /** Units the delete set removes. */
  deletedUnits: number;
  /** Ids of the shared types it creates (Y.Map, Y.Array, Y.Text…): where nesting can grow. */
  types: Y.ID[];
}

/**
 * Decodes an update's structure (flat: structs and delete set) and measures it. Deleted content
 * counts: an insert-then-delete costs the log as much as an insert. MalformedMessage if it cannot be
 * decoded (lib0 decodes nested JSON values recursively: a hostile nesting ends here, as a refusal).
 */
export function inspectUpdate(update: Uint8Array): UpdateShape {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new MalformedMessage("update cannot be decoded");
  }
  let contentUnits = 0;
  const types: Y.ID[] = [];
  for (const struct of decoded.structs) {
    contentUnits += struct.length;
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) types.push(struct.id);
  }
  let deletedUnits = 0;
  for (const ranges of decoded.ds.clients.values()) for (const range of ranges) deletedUnits += range.len;
  return { contentUnits, deletedUnits, types };
}

/** A state vector must decode; its size is bounded by the frame. */
export function checkStateVector(stateVector: Uint8Array) {
  try {
    Y.decodeStateVector(stateVector);
  } catch {
    throw new MalformedMessage("state vector cannot be decoded");
  }
}

/**
 * Nesting depth of the shared types an update created, once applied to `doc`, walked up the parent
 * chain and stopped at `max` + 1: never a walk of the document itself.
 */
export function deepestNewType(doc: Y.Doc, types: readonly Y.ID[], max: number): number {
  let deepest = 0;
  for (const id of types) {
    let found: unknown = null;
    try {
      found = Y.getItem(doc.store, id);
    } catch {
      // Not in the document (already collected): it nests nothing.
    }
    let item: Y.Item | null = found instanceof Y.Item ? found : null;
    let depth = 0;
    while (item && depth <= max) {
      depth++;
      item = (item.parent as Y.AbstractType<unknown> | null)?._item ?? null;
    }
    deepest = Math.max(deepest, depth);
    if (deepest > max) break;
  }
  return deepest;
}
