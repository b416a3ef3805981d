import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { EvidenceJson } from "~/models/evidence.server";

// The board's evidence on the client: listed once from the API, refreshed when a card dialog
// opens and after each upload or removal. Evidence lives outside the Y.Doc (files are not CRDT data).

export type EvidenceApi = {
  list: EvidenceJson[];
  forItem(itemId: string): EvidenceJson[];
  forCard(cardId: string): EvidenceJson[];
  upload(cardId: string, itemId: string | null, files: File[]): Promise<{ ok: number; errors: string[] }>;
  remove(id: string): Promise<string | null>;
  refresh(): void;
  canRemove(e: EvidenceJson): boolean;
  busy: boolean;
};

const Ctx = createContext<EvidenceApi | null>(null);
export const useEvidence = () => useContext(Ctx);

export function EvidenceProvider({ boardId, userId, isPrincipal, readOnly, children }: { boardId: string; userId: string; isPrincipal: boolean; readOnly: boolean; children: React.ReactNode }) {
  const [list, setList] = useState<EvidenceJson[]>([]);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/boards/${boardId}/evidence`;
  const refresh = useCallback(() => {
    fetch(base, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { evidence: EvidenceJson[] } | null) => body && setList(body.evidence))
      .catch(() => undefined);
  }, [base]);
  useEffect(refresh, [refresh]);

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
      forItem: (id) => byItem.get(id) ?? [],
      forCard: (id) => byCard.get(id) ?? [],
      refresh,
      canRemove: (e) => !readOnly && (isPrincipal || e.uploadedBy.id === userId),
      async upload(cardId, itemId, files) {
        setBusy(true);
        const errors: string[] = [];
        let ok = 0;
        try {
          for (const file of files) {
            const form = new FormData();
            form.set("file", file);
            form.set("cardId", cardId);
            if (itemId) form.set("itemId", itemId);
            const res = await fetch(base, { method: "POST", body: form, credentials: "same-origin" }).catch(() => null);
            if (res?.status === 201) {
              const { evidence } = (await res.json()) as { evidence: EvidenceJson };
              setList((l) => [...l, evidence]);
              ok++;
            } else {
              const body = res ? ((await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null) : null;
              errors.push(`${file.name}: ${body?.error?.code ?? "network"}`);
            }
          }
        } finally {
          setBusy(false);
        }
        return { ok, errors };
      },
      async remove(id) {
        const res = await fetch(`${base}/${id}`, { method: "DELETE", credentials: "same-origin" }).catch(() => null);
        if (res?.status === 204) {
          setList((l) => l.filter((e) => e.id !== id));
          return null;
        }
        return res ? String(res.status) : "network";
      },
    };
  }, [list, busy, refresh, base, readOnly, isPrincipal, userId]);
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}
