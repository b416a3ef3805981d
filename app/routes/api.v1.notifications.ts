import type { LoaderFunctionArgs } from "@remix-run/node";
import { digestSetting, listNotifications } from "~/models/notification.server";
import { ApiError, handleApi } from "~/utils/api.server";
import { getLocale } from "~/utils/locale.server";
import { requireApiUser } from "~/utils/permissions.server";

/** GET /api/v1/notifications?cursor= — the signed-in person's notifications, newest first, and the unread count. */
export async function loader({ request }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const user = await requireApiUser(request);
    const cursor = new URL(request.url).searchParams.get("cursor");
    if (cursor !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw new ApiError(400, "invalid_query", "cursor: a value from `next`");
    const page = await listNotifications(user.userId, await getLocale(request), { cursor });
    return Response.json({ ...page, digestMail: await digestSetting(user.userId) });
  });
}
