import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { EvidenceJson } from "~/models/evidence.server";
import { EvidenceLog } from "./evidence-list";
import { canQueue, dequeue, enqueue, keepList, keptList, queuedFor, type QueuedEvidence } from "./offline-queue";

// The board's evidence on the client: listed once from the API, refreshed when a card dialog
// opens and after each upload or removal. Evidence lives outside the Y.Doc (files are not CRDT data).
// With no connection, chosen files wait in IndexedDB (offline-queue.ts) and go up on reconnect;
// until then they do not count as evidence (the server decides what a tick needs).

export type EvidenceApi = {
  list: EvidenceJson[];
  forItem(itemId: string): EvidenceJson[];
  forCard(cardId: string): EvidenceJson[];
  /** Files waiting for a connection, this person's, on this board. */
  queued: QueuedEvidence[];
  queuedFor(cardId: string, itemId: string | null): QueuedEvidence[];
  upload(cardId: string, itemId: string | null, files: File[]): Promise<{ ok: number; queued: number; errors: string[] }>;
  remove(id: string): Promise<string | null>;
  refresh(): void;
  canRemove(e: EvidenceJson): boolean;
  /** Waiting files the server refused once they could be sent, until dismissed. */
  refused: { name: string; code: string }[];
  dismissRefused(): void;
  busy: boolean;
};

type Sent = { kind: "ok"; evidence: EvidenceJson } | { kind: "refused"; code: string } | { kind: "network" };

async function send(base: string, cardId: string, itemId: string | null, file: Blob, name: string): Promise<Sent> {
  const form = new FormData();
  form.set("file", file, name);
  form.set("cardId", cardId);
  if (itemId) form.set("itemId", itemId);
  const res = await fetch(base, { method: "POST", body: form, credentials: "same-origin" }).catch(() => null);
  if (!res) return { kind: "network" };
  if (res.status === 201) return { kind: "ok", evidence: ((await res.json()) as { evidence: EvidenceJson }).evidence };
  // A server that is there but failing (502 from a proxy while it restarts): try again later.
  if (res.status >= 500) return { kind: "network" };
  const body = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
  return { kind: "refused", code: body?.error?.code ?? String(res.status) };
}

const RETRY_MS = 20_000;
const offline = () => typeof navigator !== "undefined" && navigator.onLine === false;

const Ctx = createContext<EvidenceApi | null>(null);
export const useEvidence = () => useContext(Ctx);

export function EvidenceProvider({ boardId, userId, isPrincipal, readOnly, children }: { boardId: string; userId: string; isPrincipal: boolean; readOnly: boolean; children: React.ReactNode }) {
  const [list, setList] = useState<EvidenceJson[]>([]);
  const [queued, setQueued] = useState<QueuedEvidence[]>([]);
  const [refused, setRefused] = useState<{ name: string; code: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const flushing = useRef(false);
  const fromServer = useRef(false);
  // This tab's uploads and removals, replayed over a list that was read before they landed.
  const [log] = useState(() => new EvidenceLog<EvidenceJson>());
  const base = `/api/v1/boards/${boardId}/evidence`;
  const refresh = useCallback(() => {
    const since = log.mark();
    fetch(base, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { evidence: EvidenceJson[] } | null) => {
        if (!body) return;
        fromServer.current = true;
        setList(log.reconcile(body.evidence, since));
      })
      // Offline: the list as last read (a reload from the service worker still shows the photos).
      .catch(() => (canQueue() ? keptList(boardId).then((kept) => kept && setList((l) => (l.length ? l : kept))) : undefined))
      .catch(() => undefined);
  }, [base, boardId, log]);
  useEffect(refresh, [refresh]);
  // Kept on the device as it changes (uploads and removals too), once the server's list has come.
  useEffect(() => {
    if (fromServer.current && canQueue()) void keepList(boardId, list).catch(() => undefined);
  }, [list, boardId]);

  // Sends what waits, oldest first; stops at the first network failure (still offline).
  const flush = useCallback(async () => {
    if (flushing.current || offline() || !canQueue()) return;
    flushing.current = true;
    // One tab at a time sends the queue (two tabs of the same board would upload a photo twice).
    const exclusive = (run: () => Promise<void>) => (navigator.locks ? navigator.locks.request(`evidence-queue:${userId}:${boardId}`, run) : run());
    try {
      await exclusive(async () => {
      for (const q of await queuedFor(boardId, userId)) {
        const sent = await send(base, q.cardId, q.itemId, q.blob, q.name);
        if (sent.kind === "network") break;
        await dequeue(q.id);
        setQueued((l) => l.filter((x) => x.id !== q.id));
        if (sent.kind === "ok") {
          log.added(sent.evidence);
          setList((l) => [...l.filter((e) => e.id !== sent.evidence.id), sent.evidence]);
        } else setRefused((r) => [...r, { name: q.name, code: sent.code }]);
      }
      });
    } finally {
      flushing.current = false;
    }
  }, [base, boardId, userId, log]);

  useEffect(() => {
    if (!canQueue()) return;
    let live = true;
    queuedFor(boardId, userId)
      .then((found) => live && setQueued(found))
      .then(flush)
      .catch(() => undefined);
    const online = () => {
      refresh();
      void flush();
    };
    window.addEventListener("online", online);
    return () => {
      live = false;
      window.removeEventListener("online", online);
    };
  }, [boardId, userId, flush, refresh]);

  // The browser may say "online" before the server is reachable: retry while something waits.
  useEffect(() => {
    if (!queued.length) return;
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => clearInterval(timer);
  }, [queued.length, flush]);

  const api = useMemo<EvidenceApi>(() => {
    const byItem = new Map<string, EvidenceJson[]>();
    const byCard = new Map<string, EvidenceJson[]>();
    for (const e of list) {
      if (e.itemId) byItem.set(e.itemId, [...(byItem.get(e.itemId) ?? []), e]);
      byCard.set(e.cardId, [...(byCard.get(e.cardId) ?? []), e]);
    }
    return {
      list,
      busy,
      queued,
      refused,
      dismissRefused: () => setRefused([]),
      forItem: (id) => byItem.get(id) ?? [],
      forCard: (id) => byCard.get(id) ?? [],
      queuedFor: (cardId, itemId) => queued.filter((q) => q.cardId === cardId && q.itemId === itemId),
      refresh,
      canRemove: (e) => !readOnly && (isPrincipal || e.uploadedBy.id === userId),
      async upload(cardId, itemId, files) {
        setBusy(true);
        const errors: string[] = [];
        let ok = 0;
        let waiting = 0;
        try {
          for (const file of files) {
            const sent: Sent = offline() ? { kind: "network" } : await send(base, cardId, itemId, file, file.name);
            if (sent.kind === "ok") {
              log.added(sent.evidence);
              setList((l) => [...l.filter((e) => e.id !== sent.evidence.id), sent.evidence]);
              ok++;
            } else if (sent.kind === "network" && canQueue()) {
              const q = await enqueue({ boardId, userId, cardId, itemId, name: file.name, blob: file });
              setQueued((l) => [...l, q]);
              waiting++;
            } else {
              errors.push(`${file.name}: ${sent.kind === "refused" ? sent.code : "network"}`);
            }
          }
        } finally {
          setBusy(false);
        }
        return { ok, queued: waiting, errors };
      },
      async remove(id) {
        const res = await fetch(`${base}/${id}`, { method: "DELETE", credentials: "same-origin" }).catch(() => null);
        if (res?.status === 204) {
          log.removed(id);
          setList((l) => l.filter((e) => e.id !== id));
          return null;
        }
        return res ? String(res.status) : "network";
      },
    };
  }, [list, busy, queued, refused, refresh, base, boardId, readOnly, isPrincipal, userId, log]);
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}
