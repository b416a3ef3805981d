import { z } from "zod/mini";

// Who is on the board, from y-protocols awareness states. Each browser tab
// publishes `{ user: { id, name, color }, editingCardId }`; anything else a
// peer might send is ignored rather than trusted.

export type PresenceUser = { id: string; name: string; color: string };
export type Peer = { clientId: number; user: PresenceUser; editingCardId: string | null };

const awarenessState = z.object({
  user: z.object({
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    name: z.string().check(z.maxLength(200)),
    color: z.string().check(z.regex(/^#[0-9a-f]{6}$/i)),
  }),
  editingCardId: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
});

// Dark enough for white initials on every one of them (WCAG AA for large text).
const PALETTE = ["#0f6e3f", "#175cd3", "#9e1f63", "#b54708", "#6941c6", "#0e7090", "#c11574", "#4e5ba6", "#3b7c0f", "#b42318"];

/** A stable colour per person, the same in every browser. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length] as string;
}

/** "Giáo viên Tiểu học Bắc Sơn" → "GS": first and last word, as Vietnamese names are read. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toLocaleUpperCase("vi");
}

/** Valid peers from an awareness state map, own tab included, in a stable order. */
export function peersFrom(states: Map<number, unknown>): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, raw] of states) {
    const parsed = awarenessState.safeParse(raw);
    if (parsed.success) peers.push({ clientId, user: parsed.data.user, editingCardId: parsed.data.editingCardId ?? null });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name, "vi") || a.clientId - b.clientId);
}

/** One avatar per person, however many tabs they have open. */
export function uniqueUsers(peers: readonly Peer[]): PresenceUser[] {
  const seen = new Map<string, PresenceUser>();
  for (const p of peers) if (!seen.has(p.user.id)) seen.set(p.user.id, p.user);
  return [...seen.values()];
}

/** Card id → the other people who have that card open, for the "editing" marker (not oneself in another tab). */
export function editorsByCard(peers: readonly Peer[], ownUserId: string): Map<string, PresenceUser[]> {
  const out = new Map<string, PresenceUser[]>();
  for (const p of peers) {
    if (p.user.id === ownUserId || !p.editingCardId) continue;
    const list = out.get(p.editingCardId) ?? [];
    if (!list.some((u) => u.id === p.user.id)) list.push(p.user);
    out.set(p.editingCardId, list);
  }
  return out;
}
