import type { UpgradeRoute } from "../upgrade";

/** The collaboration server's routes; the live board issue fills this in. */
export async function collabRoutes(): Promise<UpgradeRoute[]> {
  return [];
}
