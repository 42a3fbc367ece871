// Times are shown in the club's own zone, whatever the browser's zone is.

/** "14:30" in `timeZone`. */
export function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

/** "Mon 3 Jun, 14:30" in `timeZone`. */
export function dayAndClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** A date string moved by `days`. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The UTC offset of `timeZone` at `instant`, as "+HH:MM" / "-HH:MM". */
export function offsetAt(timeZone: string, instant: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(
    instant,
  );
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-]\d{2}:\d{2})?/.exec(name);
  return match?.[1] ?? "+00:00";
}

/** An ISO instant for a wall-clock `day` + `time` ("HH:MM") in `timeZone`. */
export function localToIso(day: string, time: string, timeZone: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const offset = offsetAt(timeZone, guess);
  const first = new Date(`${day}T${time}:00${offset}`);
  // Near a DST change the offset at the real instant may differ from the guess's.
  const second = offsetAt(timeZone, first);
  return `${day}T${time}:00${second}`;
}

/** A percentage with one decimal. */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export const STATUS_LABEL: Record<string, string> = {
  confirmed: "Confirmed",
  checked_in: "Checked in",
  no_show: "No-show",
  cancelled: "Cancelled",
  completed: "Completed",
  held: "Held (waitlist)",
};

/** Tailwind classes per booking status (colour plus a pattern-free text label elsewhere). */
export const STATUS_STYLE: Record<string, string> = {
  confirmed: "bg-sky-100 border-sky-600 text-sky-950",
  checked_in: "bg-emerald-100 border-emerald-700 text-emerald-950",
  no_show: "bg-amber-100 border-amber-600 text-amber-950",
  cancelled: "bg-slate-100 border-slate-400 text-slate-600 line-through",
  completed: "bg-violet-100 border-violet-600 text-violet-950",
  held: "bg-orange-50 border-orange-600 border-dashed text-orange-950",
};

/** "1 credit", "3 credits". */
export function credits(n: number): string {
  return `${n} credit${n === 1 ? "" : "s"}`;
}
