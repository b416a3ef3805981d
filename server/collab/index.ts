import type { UpgradeRoute } from "../upgrade";
import { createCollabService, type CollabOptions, type CollabServer } from "./service";

/**
 * Creates the process's collaboration service and its `/collab/<boardId>` WebSocket route. The
 * caller (server/index.ts) hands the service to the app with `setCollab`: app/ never imports server/.
 */
export async function collabRoutes(options: CollabOptions = {}): Promise<{ service: CollabServer; routes: UpgradeRoute[] }> {
  const service = createCollabService(options);
  await service.start();
  await service.recover();
  return { service, routes: [service.route] };
}

export { createCollabService, type CollabOptions, type CollabServer } from "./service";
export type { CollabExtension, CollabApi, AcceptedEvent, Actor, Refusal } from "./hooks";
export { fanOutExtension, inProcessBus, type FanOutBus, type FanOutMessage } from "./fanout";
