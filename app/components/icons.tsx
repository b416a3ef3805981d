import {
  Calendar,
  Camera,
  Check,
  Hourglass,
  GripVertical,
  Paperclip,
  Pencil,
  RotateCcw,
  Search,
  Trash2,
  Undo2,
  X,
  type LucideIcon,
} from "lucide-react";

// Every icon the app shows, as inline SVG (lucide-react, imported one by one so the bundle keeps
// only these). Emoji and symbol characters render as empty boxes on some school computers.
const ICONS = {
  calendar: Calendar,
  camera: Camera,
  check: Check,
  waiting: Hourglass,
  close: X,
  drag: GripVertical,
  edit: Pencil,
  attach: Paperclip,
  restore: RotateCcw,
  search: Search,
  trash: Trash2,
  undo: Undo2,
} satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;

/** Decorative: the button or link around it carries the accessible name. */
export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  const Svg = ICONS[name];
  return <Svg size={size} aria-hidden="true" focusable="false" strokeWidth={2} />;
}
