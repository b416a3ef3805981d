import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { mapIndex } from "~/domain";

// A text field bound live to a Y.Text: every change is written as it is typed, as a splice at the
// place it belongs in the shared text (domain typeCardText / typeItemText), and someone else's
// edits appear while typing with the caret kept where it was relative to the text around it.

/** Writes this person's change from `base` (what the field showed) to `next`; returns the text now stored, or null if refused. */
export type TypeWriter = (base: string, next: string) => string | null;

type Field = HTMLInputElement | HTMLTextAreaElement;

export function useLiveText(shared: string, write: TypeWriter) {
  // What the field shows, and the shared text it was derived from (they differ only while a
  // refused input, e.g. a blank title, is on screen).
  const [view, setView] = useState({ value: shared, base: shared });
  // The base of what the field's DOM holds right now: updated at commit, never ahead of the
  // screen. A remote edit decoded between a re-render being scheduled and committed must not
  // become the base of a keystroke typed into the old text, or the keystroke's diff would undo
  // the remote edit (characters lost, others misplaced).
  const base = useRef(shared);
  const ref = useRef<Field | null>(null);
  const composing = useRef(false);
  const selection = useRef<[number, number] | null>(null);

  const follow = useCallback((next: string, from: string) => {
    const el = ref.current;
    if (el && document.activeElement === el && el.selectionStart !== null && el.selectionEnd !== null) {
      // A remote insertion exactly at the caret goes after it: the caret stays with what I typed.
      selection.current = [mapIndex(el.selectionStart, from, next, "before"), mapIndex(el.selectionEnd, from, next, "before")];
    }
    setView({ value: next, base: next });
  }, []);

  // Someone else's edit (or this tab's own edit echoing back, which changes nothing). The prop
  // may be a step behind the document (decoded before this person's last keystroke), so the
  // document itself says what to show: a write of no change returns the text as it is now.
  const current = () => write(base.current, base.current) ?? shared;
  useEffect(() => {
    if (shared === base.current || composing.current) return;
    const now = current();
    if (now !== base.current) follow(now, ref.current?.value ?? view.value);
  }, [shared]); // eslint-disable-line react-hooks/exhaustive-deps

  useLayoutEffect(() => {
    base.current = view.base;
    const sel = selection.current;
    if (!sel || !ref.current) return;
    selection.current = null;
    ref.current.setSelectionRange(sel[0], sel[1]);
  });

  const onChange = (event: React.ChangeEvent<Field>) => {
    const next = event.target.value;
    const stored = write(base.current, next);
    if (stored === null) return setView({ value: next, base: base.current });
    // Until the commit, a later event in this same tick diffs against what is now stored.
    base.current = stored;
    if (stored === next) setView({ value: stored, base: stored });
    // The document had other people's edits this field had not shown yet: show them now.
    else follow(stored, next);
  };

  return {
    value: view.value,
    /** The field shows something the document refused (it is not stored). */
    refused: view.value !== view.base,
    stored: view.base,
    /** Writes a final form of the text (e.g. trimmed on leaving the field); reverts a refused one. */
    settle(next: string) {
      if (next === base.current) return setView({ value: base.current, base: base.current });
      const stored = write(base.current, next);
      const kept = stored ?? base.current;
      base.current = kept;
      setView({ value: kept, base: kept });
    },
    bind: {
      ref: (el: Field | null) => {
        ref.current = el;
      },
      value: view.value,
      onChange,
      onCompositionStart: () => {
        composing.current = true;
      },
      onCompositionEnd: () => {
        composing.current = false;
        const now = current();
        if (now !== base.current) follow(now, ref.current?.value ?? base.current);
      },
    },
  };
}
