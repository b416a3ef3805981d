import viCommon from "./vi/common.json";
import viBoard from "./vi/board.json";
import viOverview from "./vi/overview.json";
import viAdmin from "./vi/admin.json";
import viCampaigns from "./vi/campaigns.json";
import viReport from "./vi/report.json";
import viEvidence from "./vi/evidence.json";
import viActivity from "./vi/activity.json";

/** Every vi message, merged (each file owns its own top-level keys). */
export const messages = { ...viCommon, ...viBoard, ...viOverview, ...viAdmin, ...viCampaigns, ...viReport, ...viEvidence, ...viActivity };
