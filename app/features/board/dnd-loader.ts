import { useSyncExternalStore } from "react";
import { hasActivation, remember } from "./drag-handover";

/**
 * Drag and drop (dnd-kit and our drag code, ~18 KB gzip) is a chunk of its own, fetched at the first sign that the
 * person may drag — a mouse over the board, a touch, the focus or a key inside it — never by just
 * showing the board (docs/decisions/046-page-weight.md). Until it arrives the board is the same
 * board without drag handlers; when it arrives the columns are rendered again with them.
 *
 * Two things make that change invisible:
 * - It waits while a pointer is down, so a first tap (open a card, "Thêm thẻ") is never cut in two,
 *   unless that press is on a drag handle: then it happens at once and the press is handed to
 *   dnd-kit (drag-handover.ts), so the very first drag works — a finger's long press, a mouse
 *   press, Space or Enter on the focused handle.
 * - What the new render would lose is kept across it (`keepAcrossSwap`): the focused control (and
 *   the caret in a text field) and the columns' horizontal scroll.
 */
export type DndModule = typeof import("./board-dnd");

let loaded: DndModule | null = null;
let shown: DndModule | null = null;
let loading: Promise<DndModule> | null = null;
const subscribers = new Set<() => void>();

/** The pointers (mouse, fingers, pen) now pressed on the page. */
const pointersDown = new Set<number>();

export function loadDnd(): Promise<DndModule> {
  if (loaded) showWhenSafe();
  if (!loading) {
    loading = import("./board-dnd").then((m) => {
      loaded = m;
      showWhenSafe();
      return m;
    });
    // A failed fetch (offline before the chunk was ever kept) is tried again at the next sign.
    loading.catch(() => (loading = null));
  }
  return loading;
}

function showWhenSafe() {
  if (!loaded || shown) return;
  if (pointersDown.size > 0 && !hasActivation()) return; // again at the pointer's release
  keepAcrossSwap();
  shown = loaded;
  for (const s of subscribers) s();
}

// From the start: the press that is the first sign must be counted too.
if (typeof window !== "undefined") watchPointers();
function watchPointers() {
  window.addEventListener("pointerdown", (e) => pointersDown.add(e.pointerId), true);
  const up = (e: PointerEvent) => {
    pointersDown.delete(e.pointerId);
    // After the click that follows this release has been dispatched.
    if (pointersDown.size === 0) setTimeout(showWhenSafe, 0);
  };
  window.addEventListener("pointerup", up, true);
  window.addEventListener("pointercancel", up, true);
}

/** dnd-kit once it is on the page (null on the server, before the first sign, and while it loads). */
export function useDnd(): DndModule | null {
  return useSyncExternalStore(
    (onChange) => {
      subscribers.add(onChange);
      return () => subscribers.delete(onChange);
    },
    () => shown,
    () => null,
  );
}

/** The board's capture handlers: each starts the fetch; a press on a handle is kept for handover. */
export const dndTriggers = {
  onPointerOverCapture: (e: React.PointerEvent) => {
    if (e.pointerType === "mouse") void loadDnd();
  },
  onFocusCapture: () => void loadDnd(),
  onTouchStartCapture: (e: React.TouchEvent) => {
    remember(e, "onTouchStart", !!shown);
    void loadDnd();
  },
  onMouseDownCapture: (e: React.MouseEvent) => {
    if (e.button === 0) remember(e, "onMouseDown", !!shown);
    void loadDnd();
  },
  onKeyDownCapture: (e: React.KeyboardEvent) => {
    remember(e, "onKeyDown", !!shown);
    void loadDnd();
  },
};

// ---- what the columns' new render would lose ----

type Kept = { scrollLeft: number; focus: { scope: string; selector: string } | null; selection: [number | null, number | null] | null };
let kept: Kept | null = null;

/** Where the focused element is, in terms that hold for its new copy: its card or column, then its name or class. */
function describeFocus(active: HTMLElement, columns: HTMLElement): Kept["focus"] {
  const card = active.closest<HTMLElement>("[data-card-id]");
  const column = active.closest<HTMLElement>("[data-column]");
  const scope = card ? `[data-card-id="${CSS.escape(card.dataset.cardId!)}"]` : column ? `[data-column="${CSS.escape(column.dataset.column!)}"]` : null;
  const name = active.getAttribute("name");
  const selector = name ? `[name="${CSS.escape(name)}"]` : active.classList[0] ? `.${CSS.escape(active.classList[0])}` : active.tagName.toLowerCase();
  return columns.contains(active) && scope ? { scope, selector } : null;
}

function keepAcrossSwap() {
  if (typeof document === "undefined") return;
  const columns = document.querySelector<HTMLElement>(".board-columns");
  const active = document.activeElement as HTMLElement | null;
  const focus = columns && active ? describeFocus(active, columns) : null;
  const selection: Kept["selection"] = focus && (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) ? [active.selectionStart, active.selectionEnd] : null;
  kept = { scrollLeft: columns?.scrollLeft ?? 0, focus, selection };
}

/** Call in a layout effect once the columns were rendered with dnd-kit: puts back focus, caret and scroll. */
export function restoreAfterSwap() {
  const k = kept;
  kept = null;
  if (!k) return;
  const columns = document.querySelector<HTMLElement>(".board-columns");
  if (columns) columns.scrollLeft = k.scrollLeft;
  if (!k.focus) return;
  const target = columns?.querySelector(k.focus.scope)?.querySelector<HTMLElement>(k.focus.selector);
  if (!target || document.activeElement === target) return;
  target.focus({ preventScroll: true });
  if (k.selection && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) {
    target.setSelectionRange(k.selection[0], k.selection[1]);
  }
}
