import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import { z } from "zod";
import { colorFor } from "../../app/features/board/presence-logic";
import type { Connection } from "./connection";
import { broadcast } from "./broadcast";
import { runHooks, type CollabExtension } from "./hooks";
import { awarenessMessage, MalformedMessage } from "./protocol";
import type { Room } from "./room";

export const PRESENCE_LIMITS = {
  /** Entries in one awareness message: a browser tab sends one. */
  entriesPerMessage: 4,
  /** Client ids one connection may hold: one per tab, a few more across a board reset. */
  clientsPerConnection: 4,
  /** One state as JSON: a name, a colour and a card id fit in ~300 bytes. */
  stateBytes: 2048,
};

/**
 * What a tab may say about itself. The `user` it sends is ignored: the server writes it from the
 * session, so nobody can show up as someone else.
 */
const clientState = z
  .object({
    user: z.unknown().optional(),
    editingCardId: z.string().max(200).nullable().optional(),
  })
  .strict();

interface Entry {
  clientId: number;
  clock: number;
  state: z.infer<typeof clientState> | null;
}

/** Decodes an awareness update within the limits; MalformedMessage for anything else. */
export function decodePresence(update: Uint8Array): Entry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > PRESENCE_LIMITS.entriesPerMessage) throw new MalformedMessage(`awareness: more than ${PRESENCE_LIMITS.entriesPerMessage} entries`);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > PRESENCE_LIMITS.stateBytes) throw new MalformedMessage(`awareness: state over ${PRESENCE_LIMITS.stateBytes} bytes`);
      const parsed = clientState.nullable().safeParse(JSON.parse(json));
      if (!parsed.success) throw new MalformedMessage("awareness: invalid state");
      entries.push({ clientId, clock, state: parsed.data });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage("awareness: trailing bytes");
    return entries;
  } catch (error) {
    throw error instanceof MalformedMessage ? error : new MalformedMessage("awareness: cannot be decoded");
  }
}

function encodePresence(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Presence of one room. One listener on the room's awareness sends each change once to every
 * socket (O(N) messages per change, not one listener per socket each sending to all: N²).
 * A connection may set and remove only the client ids it owns, a few at most.
 */
export class Presence {
  private owners = new Map<number, Connection>();

  constructor(
    private readonly room: Room,
    private readonly extensions: readonly CollabExtension[],
    private readonly log: Logger,
  ) {
    room.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (changed.length === 0) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed);
      broadcast(room, awarenessMessage(room.awareness, changed));
      const from = origin && typeof origin === "object" && "ws" in origin ? (origin as Connection) : null;
      runHooks(this.extensions, "onPresence", { room, update, changed, origin: from }, this.log);
    });
  }

  /** Applies a connection's awareness message. Throws MalformedMessage for a bad one. */
  apply(conn: Connection, update: Uint8Array) {
    const accepted: { clientId: number; clock: number; state: unknown }[] = [];
    for (const entry of decodePresence(update)) {
      const owner = this.owners.get(entry.clientId);
      if (owner && owner !== conn) continue; // someone else's: neither set nor removed
      if (entry.clientId === this.room.awareness.clientID) continue;
      if (entry.state === null) {
        if (!owner) continue;
        accepted.push(entry);
        continue;
      }
      if (!owner) {
        if (conn.awarenessClients.size >= PRESENCE_LIMITS.clientsPerConnection) continue;
        this.owners.set(entry.clientId, conn);
        conn.awarenessClients.add(entry.clientId);
      }
      const state = { ...entry.state, user: { id: conn.user.id, name: conn.user.name, color: colorFor(conn.user.id), role: conn.user.role } };
      accepted.push({ clientId: entry.clientId, clock: entry.clock, state });
    }
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodePresence(accepted), conn);
    for (const entry of accepted) if (entry.state === null && !this.room.awareness.getStates().has(entry.clientId)) this.release(conn, entry.clientId);
  }

  /** Presence relayed from another instance (already validated there). */
  applyRemote(update: Uint8Array) {
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, update, "remote");
  }

  /** Everyone present, for a newcomer or a query. */
  snapshot(): Uint8Array | null {
    const present = [...this.room.awareness.getStates().keys()];
    return present.length ? awarenessMessage(this.room.awareness, present) : null;
  }

  /** A socket closed: its tabs leave, in one broadcast. */
  leave(conn: Connection) {
    const ids = [...conn.awarenessClients];
    for (const id of ids) this.release(conn, id);
    awarenessProtocol.removeAwarenessStates(this.room.awareness, ids, null);
  }

  private release(conn: Connection, clientId: number) {
    conn.awarenessClients.delete(clientId);
    if (this.owners.get(clientId) === conn) this.owners.delete(clientId);
  }
}
