/**
 * Message decoding and encoding: the y-websocket wire format (sync and awareness from y-protocols)
 * plus our refusal message, and the close codes a client can act on. No state, no I/O.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";
import { MalformedMessage } from "./errors";
import { checkStateVector, inspectUpdate, type UpdateShape } from "./update-shape";

export { MalformedMessage };

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Ours: an update was refused; payload is a varString JSON {"code","message"}. */
export const MESSAGE_REJECTED = 100;

/** Close codes a client can act on. */
export const CLOSE = {
  goingAway: { code: 1001, reason: "server shutting down" },
  malformed: { code: 1007, reason: "malformed message" },
  rateLimited: { code: 1008, reason: "rate limit exceeded" },
  syncBudget: { code: 1008, reason: "sync budget exceeded" },
  tooBig: { code: 1009, reason: "update too large" },
  // 1009 (message too big) is sent by ws itself when a frame exceeds LIMITS.maxMessageBytes.
  signedOut: { code: 4401, reason: "session ended" },
  refused: { code: 4409, reason: "updates repeatedly refused; reload the board" },
  deactivated: { code: 4403, reason: "account deactivated" },
  tooManySockets: { code: 4429, reason: "too many open connections for this person" },
} as const;

export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export function rejectedMessage(code: string, message: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_REJECTED);
  encoding.writeVarString(encoder, JSON.stringify({ code, message }));
  return encoding.toUint8Array(encoder);
}

export function permissionDeniedMessage(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, 0); // y-protocols/auth: permission denied
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Decoded protocol message; anything else is malformed. */
export type Incoming =
  | { type: "sync-step1"; stateVector: Uint8Array }
  | { type: "update"; update: Uint8Array; shape: UpdateShape }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" };

export function decodeMessage(data: Uint8Array): Incoming {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: Incoming;
    if (type === MESSAGE_SYNC) {
      const sub = decoding.readVarUint(decoder);
      if (sub === syncProtocol.messageYjsSyncStep1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        checkStateVector(stateVector);
        message = { type: "sync-step1", stateVector };
      } else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
        const update = decoding.readVarUint8Array(decoder);
        message = { type: "update", update, shape: inspectUpdate(update) };
      } else throw new MalformedMessage(`unknown sync message ${sub}`);
    } else if (type === MESSAGE_AWARENESS) {
      message = { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      message = { type: "query-awareness" };
    } else {
      throw new MalformedMessage(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage("trailing bytes");
    return message;
  } catch (error) {
    throw error instanceof MalformedMessage ? error : new MalformedMessage("truncated message");
  }
}
