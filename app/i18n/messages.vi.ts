import viCommon from "./vi/common.json";
import viBoard from "./vi/board.json";
import viOverview from "./vi/overview.json";
import viAdmin from "./vi/admin.json";
import viCampaigns from "./vi/campaigns.json";
import viReport from "./vi/report.json";
import viEvidence from "./vi/evidence.json";
import viActivity from "./vi/activity.json";
// The pages' own messages (vi/pages/*.json): here on the server and in tests; in the browser this
// resolves to nothing and each page's route module registers its own (app/i18n/pages.ts).
import { messages as pages } from "#i18n/vi-pages";
import { mergeMessages } from "./merge";

/** Every vi message every page needs, merged (each file owns its own keys), with the pages' own on the server. */
export const messages = mergeMessages(
  structuredClone({ ...viCommon, ...viBoard, ...viOverview, ...viAdmin, ...viCampaigns, ...viReport, ...viEvidence, ...viActivity }),
  pages ?? {},
) as typeof viCommon & typeof viBoard & typeof viOverview & typeof viAdmin & typeof viCampaigns & typeof viReport & typeof viEvidence & typeof viActivity & NonNullable<typeof pages>;
