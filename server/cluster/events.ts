import type { Logger } from "pino";
import { z } from "zod";
import { emitBoardChanged, onBoardChanged } from "../../app/models/board-events.server";
import type { CollabService } from "../../app/models/collab.server";
import { emitBoardActivity, emitNotificationsChanged, onBoardActivity, onNotificationsChanged } from "../../app/models/live-events.server";
import { publish, type RedisLink } from "./redis";

/**
 * Events every instance must see, on one channel: a board's projection changed (the overview's
 * live stream, SSE), a board's activity or comments changed and a person's notifications changed
 * (their SSE streams), a campaign was closed or reopened (its rooms on every instance freeze or
 * thaw), and a person or a session whose sockets must close (deactivation, sign-out).
 */
const eventSchema = z.discriminatedUnion("k", [
  z.object({ k: z.literal("board"), i: z.string(), boardId: z.string(), campaignId: z.string(), schoolId: z.string(), at: z.string() }),
  z.object({ k: z.literal("user"), i: z.string(), userId: z.string(), reason: z.string().max(200) }),
  z.object({ k: z.literal("session"), i: z.string(), sessionId: z.string() }),
  z.object({ k: z.literal("activity"), i: z.string(), boardId: z.string(), cardId: z.string().nullable(), what: z.enum(["activity", "comment"]) }),
  z.object({ k: z.literal("notifications"), i: z.string(), userId: z.string() }),
  z.object({ k: z.literal("campaign"), i: z.string(), campaignId: z.string() }),
]);

export async function relayEvents(link: RedisLink, instance: string, collab: CollabService, log: Logger): Promise<{ service: CollabService; stop: () => void }> {
  const channel = `${link.prefix}events`;
  const send = (event: z.infer<typeof eventSchema>) => publish(link, channel, JSON.stringify(event), log);
  const stopLocal = onBoardChanged((e) => {
    if (!e.remote) send({ k: "board", i: instance, boardId: e.boardId, campaignId: e.campaignId, schoolId: e.schoolId, at: e.at });
  });
  // Set while a relayed event is re-emitted here (emit is synchronous), so it is not sent back.
  let relaying = false;
  const relayed = (emit: () => void) => {
    relaying = true;
    try {
      emit();
    } finally {
      relaying = false;
    }
  };
  const stopActivity = onBoardActivity((e) => {
    if (!relaying) send({ k: "activity", i: instance, boardId: e.boardId, cardId: e.cardId, what: e.what });
  });
  const stopNotifications = onNotificationsChanged((userId) => {
    if (!relaying) send({ k: "notifications", i: instance, userId });
  });
  const onMessage = (ch: string, raw: string) => {
    if (ch !== channel) return;
    let event: z.infer<typeof eventSchema>;
    try {
      const parsed = eventSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) return;
      event = parsed.data;
    } catch {
      return;
    }
    if (event.i === instance) return;
    if (event.k === "board") emitBoardChanged({ boardId: event.boardId, campaignId: event.campaignId, schoolId: event.schoolId, at: event.at, remote: true });
    else if (event.k === "user") collab.disconnectUser(event.userId, event.reason);
    else if (event.k === "session") collab.closeSession(event.sessionId);
    else if (event.k === "activity") relayed(() => emitBoardActivity({ boardId: event.boardId, cardId: event.cardId, what: event.what }));
    else if (event.k === "notifications") relayed(() => emitNotificationsChanged(event.userId));
    else void collab.campaignStatusChanged(event.campaignId).catch((err) => log.error({ err, campaignId: event.campaignId }, "campaign status change failed"));
  };
  link.sub.on("message", onMessage);
  await link.sub.subscribe(channel);
  // What the app calls goes to this instance's sockets and to every other instance's.
  const service: CollabService = {
    ...collab,
    change: (...a) => collab.change(...a),
    readDoc: (...a) => collab.readDoc(...a),
    release: (...a) => collab.release(...a),
    flush: () => collab.flush(),
    disconnectUser(userId, reason) {
      send({ k: "user", i: instance, userId, reason: reason.slice(0, 200) });
      return collab.disconnectUser(userId, reason);
    },
    campaignStatusChanged(campaignId) {
      send({ k: "campaign", i: instance, campaignId });
      return collab.campaignStatusChanged(campaignId);
    },
    closeSession(sessionId) {
      send({ k: "session", i: instance, sessionId });
      return collab.closeSession(sessionId);
    },
  };
  return {
    service,
    stop() {
      stopLocal();
      stopActivity();
      stopNotifications();
      link.sub.off("message", onMessage);
    },
  };
}
