import type { LoaderFunctionArgs } from "@remix-run/node";
import { onBoardChanged } from "~/models/board-events.server";
import { OverviewRequestError, resolveOverview } from "~/features/overview/request.server";
import { requireUser } from "~/utils/permissions.server";

/** A burst of accepted changes (a school ticking five items) becomes one message… */
const DEBOUNCE_MS = 100;
/** …but a steady stream of edits still gets through at least this often. */
const MAX_WAIT_MS = 1000;
/** Comments keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

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

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let timer: NodeJS.Timeout | null = null;
      let firstPending = 0;
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const flush = () => {
        timer = null;
        firstPending = 0;
        write(`event: changed\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`);
      };
      const unsubscribe = onBoardChanged((event) => {
        if (event.campaignId !== campaign.id) return;
        const now = Date.now();
        firstPending ||= now;
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, Math.max(0, Math.min(DEBOUNCE_MS, firstPending + MAX_WAIT_MS - now)));
      });
      const heartbeat = setInterval(() => write(`: keep-alive\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", cleanup, { once: true });
      // Tells the page the stream is live (it waits for this before showing "live").
      write(`retry: 3000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform keeps the compression middleware from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
