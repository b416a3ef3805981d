import { createStore, del, entries, get, set, type UseStore } from "idb-keyval";
import type { EvidenceJson } from "~/models/evidence.server";
import { EVIDENCE_LISTS_DB } from "~/utils/offline.client";

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

// The board's evidence list as last read, so a board reloaded offline still knows which items
// have their photo (and shows them). A database of its own: idb-keyval keeps one store per database.
let lists: UseStore | null = null;
const listStore = () => (lists ??= createStore(EVIDENCE_LISTS_DB, "lists"));

export async function keepList(boardId: string, list: EvidenceJson[]): Promise<void> {
  await set(boardId, list, listStore());
}

export async function keptList(boardId: string): Promise<EvidenceJson[] | null> {
  return (await get<EvidenceJson[]>(boardId, listStore())) ?? null;
}
