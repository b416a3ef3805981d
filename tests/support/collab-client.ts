import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

/** A stock y-websocket client in Node, authenticated by a session cookie (as a browser would be). */
export function connectBoard(baseUrl: string, boardId: string, cookie: string, doc = new Y.Doc()) {
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, "ws") + "/collab", boardId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const rejected: { code: string; message: string }[] = [];
  provider.messageHandlers[100] = (_encoder, decoder) => {
    rejected.push(JSON.parse(decoding.readVarString(decoder)));
  };
  return { doc, provider, rejected };
}

export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (isSynced: boolean) => {
      if (isSynced) {
        provider.off("sync", on);
        resolve();
      }
    };
    provider.on("sync", on);
  });
}

/** Polls until `check` holds (or fails after `timeoutMs`): live changes arrive asynchronously. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw lastError;
}

/** Opens a raw WebSocket and resolves with the HTTP status of a refused upgrade, or "open". */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => {
      ws.close();
      resolve("open");
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", (err) => (err.message.includes("Unexpected server response") ? undefined : reject(err)));
  });
}

/** Opens a raw authenticated WebSocket to a board, resolved once open. */
export function rawSocket(baseUrl: string, boardId: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/collab/${boardId}`, { headers: { cookie } });
    ws.on("open", () => resolve(ws));
    ws.on("error", reject);
  });
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}
