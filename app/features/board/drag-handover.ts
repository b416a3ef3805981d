/**
 * A press on a drag handle made before dnd-kit had arrived (dnd-loader.ts), kept for the handle's
 * sortable copy (board-dnd.tsx) to carry on: a finger's long press, a mouse press, Space or Enter.
 */
type Activation = { cardId: string; eventName: "onTouchStart" | "onMouseDown" | "onKeyDown"; event: Event; ended: boolean; at: number };
let activation: Activation | null = null;

export const hasActivation = () => activation !== null;

const handleOf = (event: React.SyntheticEvent) => (event.target as Element | null)?.closest?.<HTMLElement>(".board-drag-handle[data-drag-card]") ?? null;

/** Called by the board for every press while dnd-kit is not there yet (`loaded` false). */
export function remember(event: React.SyntheticEvent, eventName: Activation["eventName"], loaded: boolean) {
  const handle = handleOf(event);
  if (!handle || loaded) return;
  let native = event.nativeEvent;
  if (eventName === "onKeyDown") {
    const { code, key } = native as KeyboardEvent;
    if (code !== "Space" && code !== "Enter") return;
    // The page must not scroll (Space) meanwhile; dnd-kit ignores a handled key, so it gets a fresh one.
    event.preventDefault();
    native = new KeyboardEvent("keydown", { code, key, bubbles: true, cancelable: true });
  }
  const a: Activation = { cardId: handle.dataset.dragCard!, eventName, event: native, ended: false, at: Date.now() };
  activation = a;
  const end = () => (a.ended = true);
  if (eventName === "onTouchStart") {
    // A touch keeps its first target, even once that element has left the page.
    handle.addEventListener("touchend", end, { once: true });
    handle.addEventListener("touchcancel", end, { once: true });
  } else if (eventName === "onMouseDown") {
    window.addEventListener("mouseup", end, { once: true, capture: true });
  }
}

/**
 * The press made on this card's handle before dnd-kit arrived, if it is still going on (the finger
 * or the button still down; a key pressed a moment ago). Taken once.
 */
export function takeActivation(cardId: string): Pick<Activation, "eventName" | "event"> | null {
  const a = activation;
  if (!a || a.cardId !== cardId) return null;
  activation = null;
  if (a.ended || Date.now() - a.at > 3000) return null;
  return a;
}

