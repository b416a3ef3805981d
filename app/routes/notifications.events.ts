import type { LoaderFunctionArgs } from "@remix-run/node";
import { onNotificationsChanged } from "~/models/live-events.server";
import { requireUser } from "~/utils/permissions.server";
import { eventStream } from "~/utils/sse.server";

/** GET /notifications/events — "changed" whenever the signed-in person's notifications change; the bell reloads. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return eventStream(request, (send) => onNotificationsChanged((userId) => userId === user.userId && send("changed", {})));
}
