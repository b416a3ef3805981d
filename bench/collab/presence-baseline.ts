import http from "node:http";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * The baseline: presence as server/collab did it before issue 9 — one awareness listener per
 * connection, each sending every change to every peer (N listeners × N peers per change).
 */
export async function startOldPresenceRelay() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const conns = new Set<WebSocket>();
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws) => {
    conns.add(ws);
    const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
      const message = encoding.toUint8Array(e);
      for (const peer of conns) peer.send(message);
    };
    awareness.on("update", onUpdate);
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === 1) awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), ws);
    });
    ws.on("close", () => {
      conns.delete(ws);
      awareness.off("update", onUpdate);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as import("node:net").AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/presence`,
    close: () => new Promise<void>((resolve) => { for (const c of wss.clients) c.terminate(); wss.close(); awareness.destroy(); server.close(() => resolve()); }),
  };
}
