import account from "./vi/pages/account.json";
import admin from "./vi/pages/admin.json";
import campaigns from "./vi/pages/campaigns.json";
import card from "./vi/pages/card.json";
import dnd from "./vi/pages/dnd.json";
import overview from "./vi/pages/overview.json";
import report from "./vi/pages/report.json";
// Said only by the server (notification and mail texts, activity summaries): no page registers it.
import server from "./vi/pages/server.json";
import { mergeMessages } from "./merge";

/** The messages only some pages show (the server's copy; the browser gets them per page, app/i18n/pages.ts). */
export const messages = mergeMessages({}, account, admin, campaigns, card, dnd, overview, report, server) as typeof account &
  typeof admin &
  typeof campaigns &
  typeof card &
  typeof dnd &
  typeof overview &
  typeof report &
  typeof server;
