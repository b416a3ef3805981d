import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * The baseline: a bare in-memory y-protocols relay (what the stock y-websocket server does, minus
 * awareness): no auth, no validation, no database. Each room's doc starts from `initial`.
 */
export async function startRelay(initial: (room: string) => Uint8Array | null) {
  const rooms = new Map<string, { doc: Y.Doc; conns: Set<WebSocket> }>();
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws, req) => {
    const name = (req.url ?? "/").split("/").pop()!;
    let room = rooms.get(name);
    if (!room) {
      const doc = new Y.Doc();
      const state = initial(name);
      if (state) Y.applyUpdate(doc, state);
      const r = { doc, conns: new Set<WebSocket>() };
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, update);
        const msg = encoding.toUint8Array(e);
        for (const c of r.conns) if (c !== origin) c.send(msg);
      });
      rooms.set(name, (room = r));
    }
    const r = room;
    r.conns.add(ws);
    ws.on("close", () => r.conns.delete(ws));
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type !== 0) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.readSyncMessage(decoder, e, r.doc, ws);
      if (encoding.length(e) > 1) ws.send(encoding.toUint8Array(e));
    });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, r.doc);
    ws.send(encoding.toUint8Array(e));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as import("node:net").AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { for (const c of wss.clients) c.terminate(); wss.close(); server.close(() => resolve()); }),
  };
}

/**
 * The relay in a process of its own (as our server runs in its own), every room starting from the
 * state in `stateFile`. Resolves once it listens; `stop` ends it.
 */
export async function startRelayProcess(stateFile: string, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, RELAY_STATE: stateFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^relay (\S+)$/m.exec(out);
      if (line) resolve(line[1]!);
    });
    child.once("exit", (code) => reject(new Error(`relay exited with ${code}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const state = new Uint8Array(fs.readFileSync(process.env.RELAY_STATE!));
  const relay = await startRelay(() => state);
  console.log(`relay ${relay.url}`);
  // process.exit lets a --cpu-prof profile be written.
  process.once("SIGTERM", () => void relay.close().then(() => process.exit(0)));
}
