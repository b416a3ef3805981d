import type { PrismaClient } from "@prisma/client";
import { CAMPAIGN_CLOSED, isFrozen } from "../../app/domain/campaign";
import { send } from "./connection";
import { permissionDeniedMessage } from "./protocol";
import type { Room } from "./room";


/**
 * A campaign was closed or reopened: its rooms in memory take the new status (rooms loaded later
 * read it themselves, rooms.ts). The client is told with a y-protocols auth "permission denied"
 * whose reason is CAMPAIGN_CLOSED: the board client then shows the board read-only at once. Closing turns every writing connection read-only and tells it so;
 * after a reopen the caller asks every session again (session-check.ts), which gives each
 * connection back what the permissions module grants.
 */
export async function refreezeCampaign(db: PrismaClient, rooms: Room[], campaignId: string): Promise<{ frozen: boolean; downgraded: number }> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
  const frozen = campaign ? isFrozen(campaign.status) : false;
  let downgraded = 0;
  for (const room of rooms) {
    if (room.key.campaignId !== campaignId) continue;
    // Inside the room's queue: an update already being written finishes first, none starts after.
    await room.enqueue(() => {
      room.frozen = frozen;
      if (!frozen) return;
      for (const conn of room.connections) {
        if (conn.access === "write") downgraded++;
        conn.access = "read";
        send(conn, permissionDeniedMessage(CAMPAIGN_CLOSED));
      }
    });
  }
  return { frozen, downgraded };
}
