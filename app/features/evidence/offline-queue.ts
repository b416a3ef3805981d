import { createStore, del, entries, set, type UseStore } from "idb-keyval";

// Evidence chosen with no connection (a photo taken in the schoolyard, out of Wi-Fi) waits here,
// in IndexedDB, until the board is back online; then it is uploaded like any other. The bytes are
// the File itself (IndexedDB keeps Blobs), so a reload, even offline, loses nothing.

export type QueuedEvidence = {
  id: string;
  boardId: string;
  userId: string;
  cardId: string;
  itemId: string | null;
  name: string;
  blob: Blob;
  queuedAt: string;
};

let store: UseStore | null = null;
const queueStore = () => (store ??= createStore("campaign-board-evidence", "queue"));

/** IndexedDB is there (a browser, not the server render nor a private mode that refuses it). */
export const canQueue = () => typeof indexedDB !== "undefined";

export async function enqueue(entry: Omit<QueuedEvidence, "id" | "queuedAt">): Promise<QueuedEvidence> {
  const queued: QueuedEvidence = { ...entry, id: crypto.randomUUID(), queuedAt: new Date().toISOString() };
  await set(queued.id, queued, queueStore());
  return queued;
}

/** This person's waiting files for this board, oldest first. */
export async function queuedFor(boardId: string, userId: string): Promise<QueuedEvidence[]> {
  const all = (await entries<string, QueuedEvidence>(queueStore())).map(([, v]) => v);
  return all.filter((q) => q.boardId === boardId && q.userId === userId).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function dequeue(id: string): Promise<void> {
  await del(id, queueStore());
}
