import type { LucideIcon } from "lucide-react";

// Every icon the app shows, as inline SVG (lucide-react). Emoji and symbol characters render as
// empty boxes on some school computers. Each is its own export, so a page's chunk holds only the
// icons it shows (the card dialog's stay in its chunk).
export {
  Calendar as CalendarIcon,
  Camera as CameraIcon,
  Check as CheckIcon,
  Hourglass as WaitingIcon,
  X as CloseIcon,
  GripVertical as DragIcon,
  Pencil as EditIcon,
  Paperclip as AttachIcon,
  RotateCcw as RestoreIcon,
  Search as SearchIcon,
  Trash2 as TrashIcon,
  Undo2 as UndoIcon,
} from "lucide-react";

/** Decorative: the button or link around it carries the accessible name. */
export function Icon({ of: Svg, size = 18 }: { of: LucideIcon; size?: number }) {
  return <Svg size={size} aria-hidden="true" focusable="false" strokeWidth={2} />;
}
