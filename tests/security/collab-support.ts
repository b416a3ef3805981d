import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { closed, rawSocket } from "../support/collab-client";

/** Frames as a hostile client would write them by hand. */
export const frames = {
  syncStep1(stateVector: Uint8Array) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
    return encoding.toUint8Array(e);
  },
  update(update: Uint8Array) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    return encoding.toUint8Array(e);
  },
  /** An awareness message with entries written as given (ids, clocks and states chosen by the sender). */
  awareness(entries: { clientId: number; clock: number; state: unknown }[]) {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(inner, entry.clientId);
      encoding.writeVarUint(inner, entry.clock);
      encoding.writeVarString(inner, typeof entry.state === "string" ? entry.state : JSON.stringify(entry.state));
    }
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    return encoding.toUint8Array(e);
  },
};

/** Runs a change on a copy of `doc` and returns the update it makes (what a client would send). */
export function updateOf(doc: Y.Doc, change: (d: Y.Doc) => void, opts: { gc?: boolean } = {}): Uint8Array {
  const copy = new Y.Doc({ gc: opts.gc ?? true });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(copy);
  // One transaction: Yjs calls observers up the parent chain per transaction, so nesting built in
  // one costs O(depth²) once instead of per step.
  copy.transact(() => change(copy));
  return Y.encodeStateAsUpdate(copy, sv);
}

/**
 * A raw socket on a board that keeps what the server sends: the document it syncs, the presence it
 * sees (through a real y-protocols Awareness), awareness messages and refusals, bytes received.
 */
export class Peer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly awarenessMessages: Uint8Array[] = [];
  readonly rejected: { code: string; message: string }[] = [];
  bytesReceived = 0;
  readonly closing: Promise<{ code: number; reason: string }>;
  isClosed = false;

  private constructor(readonly ws: WebSocket) {
    this.awareness.setLocalState(null);
    this.closing = closed(ws).then((c) => ((this.isClosed = true), c));
    ws.on("message", (data: Buffer) => {
      this.bytesReceived += data.length;
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === 0) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, 0);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, "server");
      } else if (type === 1) {
        const update = decoding.readVarUint8Array(decoder);
        this.awarenessMessages.push(update);
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, "server");
      } else if (type === 100) {
        this.rejected.push(JSON.parse(decoding.readVarString(decoder)));
      }
    });
  }

  static async open(baseUrl: string, boardId: string, cookie: string): Promise<Peer> {
    return new Peer(await rawSocket(baseUrl, boardId, cookie));
  }

  send(frame: Uint8Array) {
    this.ws.send(frame);
  }

  /** Asks for the document (sync-step1 with this peer's state vector). */
  sync() {
    this.send(frames.syncStep1(Y.encodeStateVector(this.doc)));
  }

  /** States this peer sees, by client id. */
  states(): Map<number, Record<string, unknown>> {
    return this.awareness.getStates() as Map<number, Record<string, unknown>>;
  }

  close() {
    this.awareness.destroy();
    if (!this.isClosed) this.ws.close();
  }
}

/** Client ids as a browser draws them (Yjs: uint32). */
export const someClientId = (n: number) => 1_000_000 + n;
