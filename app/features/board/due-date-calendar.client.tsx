import { DayPicker } from "react-day-picker";
import { vi } from "react-day-picker/locale";
import "react-day-picker/style.css";

// Loaded on demand by DueDateField. Dates are calendar days ("yyyy-mm-dd"): built from local
// year/month/day, so no time zone shifts them.
const toIso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
const fromIso = (s: string) => {
  const [y, m, d] = s.split("-").map(Number);
  return new Date(y!, m! - 1, d!);
};

export default function DueDateCalendar({ value, onPick }: { value: string | null; onPick: (date: string) => void }) {
  const selected = value ? fromIso(value) : undefined;
  return (
    <DayPicker
      mode="single"
      locale={vi}
      weekStartsOn={1}
      selected={selected}
      defaultMonth={selected}
      onSelect={(d) => {
        if (d) onPick(toIso(d));
      }}
    />
  );
}
