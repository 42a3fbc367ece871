// Times are shown in the club's own zone (not the phone's), with the zone's abbreviation, so a
// fall-back day's repeated hour reads "1:30 AM EDT" then "1:30 AM EST".

/** "7:30 PM EDT" for an instant, in `timeZone`. */
export function timeLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}

/** "Sat, Nov 29" for an instant, in `timeZone`. */
export function dayLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(new Date(iso));
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** "2 h 05 min" / "4 min 09 s" until `target`. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

/** The zone's offset from UTC (ms) at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ISO, UTC) of wall-clock `hhmm` on `day` (YYYY-MM-DD) in `timeZone`. A time the
 * spring-forward gap skips does not exist; it resolves an hour off, and forms leave it out
 * (`dayTimes`).
 */
export function zonedInstant(day: string, hhmm: string, timeZone: string): string {
  const [y, mo, d] = day.split("-").map(Number);
  const [h, mi] = hhmm.split(":").map(Number);
  const wall = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // Two passes: the offset at the first guess may differ from the offset at the answer.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The wall-clock times of `day` in `timeZone`, every `step` minutes, as [hh:mm, instant ISO];
 * times a spring-forward gap skips are left out. */
export function dayTimes(day: string, timeZone: string, step = 30): [string, string][] {
  const out: [string, string][] = [];
  for (let m = 0; m < 24 * 60; m += step) {
    const hhmm = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const iso = zonedInstant(day, hhmm, timeZone);
    const back = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso));
    if (back === hhmm) out.push([hhmm, iso]);
  }
  return out;
}
