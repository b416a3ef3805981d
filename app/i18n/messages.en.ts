import enCommon from "./en/common.json";
import enBoard from "./en/board.json";
import enOverview from "./en/overview.json";
import enAdmin from "./en/admin.json";
import enCampaigns from "./en/campaigns.json";
import enReport from "./en/report.json";
import enEvidence from "./en/evidence.json";
import enActivity from "./en/activity.json";

/** Every en message, merged (each file owns its own top-level keys). */
export const messages = { ...enCommon, ...enBoard, ...enOverview, ...enAdmin, ...enCampaigns, ...enReport, ...enEvidence, ...enActivity };
