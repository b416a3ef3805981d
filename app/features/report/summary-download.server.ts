import { findCampaign } from "~/models/overview.server";
import { ApiError } from "~/utils/api.server";
import { contentDisposition } from "~/utils/content-disposition";
import { assertCan, requireApiUser } from "~/utils/permissions.server";
import { summaryFile } from "./summary.server";

const TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export async function summaryDownload(request: Request, campaignId: string | undefined, ext: keyof typeof TYPES): Promise<Response> {
  const user = await requireApiUser(request);
  const campaign = await findCampaign(campaignId ?? "");
  if (!campaign) throw new ApiError(404, "campaign_not_found", `No campaign ${campaignId}`);
  assertCan(user, "view:overview", { type: "district", districtId: campaign.districtId });
  const bytes = await summaryFile(campaign, ext);
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": TYPES[ext], "content-disposition": contentDisposition("attachment", `bao-cao-tong-ket-${campaign.slug}.${ext}`), "cache-control": "private, no-store" },
  });
}
