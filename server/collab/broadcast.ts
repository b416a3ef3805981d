import type { Connection } from "./connection";
import { send } from "./connection";
import { updateMessage } from "./protocol";
import type { Room } from "./room";

/** Sends one message to every socket of a room, except `except` (the sender of an update). */
export function broadcast(room: Room, message: Uint8Array, except: unknown = null) {
  for (const conn of room.connections) if (conn !== except) send(conn, message);
}

/**
 * Local broadcast: every change applied to a room's live document (accepted from a socket, from
 * HTTP, or from another instance) goes to the room's sockets, except the one it came from. The
 * live document is only changed after the durable append, so nothing unstored is ever broadcast.
 */
export function attachLocalBroadcast(room: Room) {
  room.doc.on("update", (update: Uint8Array, origin: unknown) => broadcast(room, updateMessage(update), origin as Connection | null));
}
