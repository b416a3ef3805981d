import { setCollab } from "../../app/models/collab.server";
import type { UpgradeRoute } from "../upgrade";
import { createCollabService, type CollabOptions } from "./service";

/** Creates the process's collaboration service and its `/collab/<boardId>` WebSocket route. */
export async function collabRoutes(options: CollabOptions = {}): Promise<UpgradeRoute[]> {
  const service = createCollabService(options);
  setCollab(service);
  await service.recover();
  return [service.route];
}
