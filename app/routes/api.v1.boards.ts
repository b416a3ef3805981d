import type { LoaderFunctionArgs } from "@remix-run/node";
import { deadlineDate, listVisibleBoards } from "~/models/board.server";
import { progressFromStat } from "~/models/projection.server";
import { handleApi } from "~/utils/api.server";
import { requireApiUser } from "~/utils/permissions.server";

/** GET /api/v1/boards — exactly the boards the caller may see. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const boards = await listVisibleBoards(user);
    return Response.json({
      boards: boards.map((b) => ({
        id: b.id,
        school: { id: b.school.id, slug: b.school.slug, name: b.school.name, level: b.school.level, ward: b.school.ward },
        campaign: { id: b.campaign.id, name: b.campaign.name, deadline: deadlineDate(b.campaign.deadline) },
        // From the projection, written after every accepted change (same rule as the overview);
        // null when the board's document cannot be read — never a silent 0/0.
        progress: progressFromStat(b.stat),
      })),
    });
  });
}
