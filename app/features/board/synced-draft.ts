import { useEffect, useRef, useState } from "react";

/**
 * A text field's local draft that follows the shared value while the field is
 * not being edited: someone else's change shows up at once, but never
 * overwrites what this person is typing.
 */
export function useSyncedDraft(shared: string) {
  const [draft, setDraft] = useState(shared);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(shared);
  }, [shared]);
  return {
    draft,
    setDraft,
    dirty: draft !== shared,
    bind: {
      onFocus: () => {
        editing.current = true;
      },
      onBlur: () => {
        editing.current = false;
      },
    },
    reset: () => {
      editing.current = false;
      setDraft(shared);
    },
  };
}
