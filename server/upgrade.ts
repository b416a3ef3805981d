import type http from "node:http";
import type { Duplex } from "node:stream";
import { getLogger } from "../app/utils/logger.server";

/** A WebSocket endpoint under one path prefix (e.g. "/collab/"). */
export interface UpgradeRoute {
  prefix: string;
  handle: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
  close?: () => Promise<void>;
}

/** Refuses an upgrade with a plain HTTP status before any WebSocket handshake. */
export function refuseUpgrade(socket: Duplex, status: number, message: string) {
  const body = JSON.stringify({ error: { code: String(status), message } });
  const reason = ({ 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 503: "Service Unavailable" } as Record<number, string>)[status] ?? "Error";
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The server's one 'upgrade' handler: dispatches by path, refuses everything else with 404. */
export function createUpgradeHandler(routes: UpgradeRoute[]) {
  const log = getLogger();
  return {
    handle(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
      socket.on("error", (err) => log.debug({ err }, "upgrade socket error"));
      const pathname = (req.url ?? "/").split("?")[0];
      const route = routes.find((r) => pathname.startsWith(r.prefix));
      if (!route) return refuseUpgrade(socket, 404, "No WebSocket endpoint here");
      Promise.resolve(route.handle(req, socket, head)).catch((err) => {
        log.error({ err }, "upgrade failed");
        refuseUpgrade(socket, 503, "Upgrade failed");
      });
    },
    async close() {
      for (const r of routes) await r.close?.();
    },
  };
}
