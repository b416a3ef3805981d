import { createActivityRecorder, type ActivityRecorder } from "../../app/models/activity.server";
import type { CollabExtension } from "./hooks";

/**
 * The activity feed as a collaboration extension: on every accepted update it derives the entries
 * from the room's own boards before and after (never from what a client says it did) and writes
 * them off the edit's path, in order per board. Updates applied from another instance
 * (`applyDurable`) do not come through here: the instance that accepted them records them once.
 */
export function activityExtension(recorder: ActivityRecorder = createActivityRecorder()): CollabExtension {
  return {
    name: "activity",
    onAccepted({ room, before, after, actor }) {
      recorder.record({ board: room.key, before, after, userId: actor.userId, trusted: !!actor.trusted, at: new Date() });
    },
    async onFlush() {
      await recorder.idle();
    },
  };
}
