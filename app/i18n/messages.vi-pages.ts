import account from "./vi/pages/account.json";
import admin from "./vi/pages/admin.json";
import campaigns from "./vi/pages/campaigns.json";
import overview from "./vi/pages/overview.json";
import { mergeMessages } from "./merge";

/** The messages only some pages show (the server's copy; the browser gets them per page, app/i18n/pages.ts). */
export const messages = mergeMessages({}, account, admin, campaigns, overview) as typeof account & typeof admin & typeof campaigns & typeof overview;
