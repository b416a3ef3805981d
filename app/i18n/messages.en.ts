import enCommon from "./en/common.json";
import enBoard from "./en/board.json";
import enOverview from "./en/overview.json";
import enAdmin from "./en/admin.json";
import enCampaigns from "./en/campaigns.json";
import enReport from "./en/report.json";
import enEvidence from "./en/evidence.json";
import enActivity from "./en/activity.json";
import enAccountPages from "./en/pages/account.json";
import enAdminPages from "./en/pages/admin.json";
import enCampaignsPages from "./en/pages/campaigns.json";
import enCardPages from "./en/pages/card.json";
import enDndPages from "./en/pages/dnd.json";
import enOverviewPages from "./en/pages/overview.json";
import enReportPages from "./en/pages/report.json";
import enServerPages from "./en/pages/server.json";
import { mergeMessages } from "./merge";

/** Every en message, merged (each file owns its own keys), the pages' own included: an English page loads them all at once. */
export const messages = mergeMessages(
  structuredClone({ ...enCommon, ...enBoard, ...enOverview, ...enAdmin, ...enCampaigns, ...enReport, ...enEvidence, ...enActivity }),
  enAccountPages,
  enAdminPages,
  enCampaignsPages,
  enCardPages,
  enDndPages,
  enOverviewPages,
  enReportPages,
  enServerPages,
) as typeof enCommon & typeof enBoard & typeof enOverview & typeof enAdmin & typeof enCampaigns & typeof enReport & typeof enEvidence & typeof enActivity &
  typeof enAccountPages & typeof enAdminPages & typeof enCampaignsPages & typeof enCardPages & typeof enDndPages & typeof enOverviewPages & typeof enReportPages & typeof enServerPages;
