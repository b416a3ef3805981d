import type { LoaderFunctionArgs } from "@remix-run/node";
import { onBoardChanged } from "~/models/board-events.server";
import { OverviewRequestError, resolveOverview } from "~/features/overview/request.server";
import { requireUser } from "~/utils/permissions.server";
import { eventStream } from "~/utils/sse.server";

/** A burst of accepted changes (a school ticking five items) becomes one message… */
const DEBOUNCE_MS = 100;
/** …but a steady stream of edits still gets through at least this often. */
const MAX_WAIT_MS = 1000;

/**
 * GET /overview/events?campaignId=<id> — server-sent events: "changed" whenever a board of the
 * campaign accepted a change and its projection is written. The page then reloads its data.
 * Messages carry no school names or ids: a principal's stream must not leak other schools.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const only = new URLSearchParams();
  const campaignId = params.get("campaignId");
  if (campaignId) only.set("campaignId", campaignId);
  let resolved;
  try {
    resolved = await resolveOverview(user, only, { strict: true });
  } catch (error) {
    if (error instanceof OverviewRequestError) return new Response(error.message, { status: error.status });
    throw error;
  }
  const campaign = resolved.campaign;
  if (!campaign) return new Response("No campaign", { status: 404 });

  // One stream helper for every SSE route; the debounce is this route's own.
  return eventStream(request, (send) => {
    let timer: NodeJS.Timeout | null = null;
    let firstPending = 0;
    const flush = () => {
      timer = null;
      firstPending = 0;
      send("changed", { at: new Date().toISOString() });
    };
    const unsubscribe = onBoardChanged((event) => {
      if (event.campaignId !== campaign.id) return;
      const now = Date.now();
      firstPending ||= now;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(DEBOUNCE_MS, firstPending + MAX_WAIT_MS - now)));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  });
}
