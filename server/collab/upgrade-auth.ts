import type http from "node:http";
import { z } from "zod";
import { boardAccess } from "../../app/domain/permissions";
import { getSessionUser, type SessionUser } from "../../app/utils/permissions.server";
import type { Room } from "./room";

const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export type UpgradeVerdict =
  | { ok: true; user: SessionUser; room: Room; access: "read" | "write" }
  | { ok: false; status: 401 | 403 | 404; message: string };

/**
 * Upgrade authentication, before any WebSocket handshake: same origin, a valid session, a board
 * that exists, and access to it through the permissions module. Read-only is decided here too.
 */
export async function authenticateUpgrade(req: http.IncomingMessage, getRoom: (boardId: string) => Promise<Room | null>): Promise<UpgradeVerdict> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const boardId = url.pathname.slice("/collab/".length);
  // Browsers always send Origin on a WebSocket handshake: refuse pages of other sites (and "null").
  const origin = req.headers.origin;
  if (origin && originHost(origin) !== req.headers.host) return { ok: false, status: 403, message: "Cross-origin WebSocket refused" };
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const user = await getSessionUser(headers);
  if (!user) return { ok: false, status: 401, message: "Sign in first" };
  if (!boardIdSchema.safeParse(boardId).success) return { ok: false, status: 404, message: "No such board" };
  const room = await getRoom(boardId);
  if (!room) return { ok: false, status: 404, message: "No such board" };
  const access = boardAccess(user, { districtId: room.key.districtId, schoolId: room.key.schoolId });
  if (access === "none") return { ok: false, status: 403, message: "No access to this board" };
  // A closed campaign's board is read for everyone (campaign-freeze.ts).
  return { ok: true, user, room, access: room.frozen ? "read" : access };
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
