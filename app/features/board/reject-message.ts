import * as decoding from "lib0/decoding";
import { z } from "zod/mini";

/**
 * Our one addition to the y-websocket protocol: message type 100, sent to the
 * sender of an update the server refused (it is neither stored nor broadcast),
 * followed by a resync. Payload: a varString holding JSON `{ code, message }`.
 */
export const MESSAGE_UPDATE_REJECTED = 100;

export type Rejection = { code: string; message: string };

const payload = z.object({ code: z.string().check(z.maxLength(100)), message: z.string().check(z.maxLength(2000)) });

/** Reads the payload after the message type; never throws (a garbled payload still means "refused"). */
export function readRejection(decoder: decoding.Decoder): Rejection {
  try {
    const parsed = payload.safeParse(JSON.parse(decoding.readVarString(decoder)));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { code: "unknown", message: "" };
}

// Codes the server sends (docs/board-model.md, "What the server refuses") that
// have their own sentence in board.json; any other code gets the generic one.
export const REJECTION_CODES = [
  "invalid_board",
  "template_card_deleted",
  "template_item_deleted",
  "field_locked",
  "template_forged",
  "meta_locked",
  "wrong_actor",
  "read_only",
  "too_large",
  "missing_dependencies",
  "evidence_required",
] as const;
const KNOWN = new Set<string>(REJECTION_CODES);

/** The i18n key explaining a refusal to a teacher. */
export function rejectionKey(code: string): string {
  return KNOWN.has(code) ? `board.rejected.${code}` : "board.rejected.other";
}
