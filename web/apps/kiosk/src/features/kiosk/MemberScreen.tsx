import { useState } from "react";
import type { SignedIn } from "./api";
import { BigButton } from "./BigButton";

// The clubs' rules: a booking lasts 1 to 4 hours.
const DURATIONS = [60, 90, 120, 180] as const;

function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { hour: "numeric", minute: "2-digit", timeZone }).format(
    new Date(iso),
  );
}

/** Signed in: today's bookings here (check in, show pass) and a walk-in on the next free bay. */
export function MemberScreen({
  member,
  timeZone,
  freeCount,
  onWalkIn,
  onCheckIn,
  onDone,
  busy,
  error,
}: {
  member: SignedIn;
  timeZone: string;
  freeCount: number | undefined;
  onWalkIn: (minutes: number) => void;
  onCheckIn: (bookingId: string) => void;
  onDone: () => void;
  busy: boolean;
  error: string | null;
}) {
  const [minutes, setMinutes] = useState<number>(60);
  const first = member.member.name.split(" ")[0] || member.member.name;
  return (
    <div className="flex flex-1 flex-col gap-12 px-20 py-14">
      <header>
        <h2 className="text-7xl font-black text-slate-900">Hi {first}</h2>
        <p className="mt-4 text-4xl text-slate-600" data-testid="credits">
          {member.member.credits} credits
        </p>
      </header>
      {error && (
        <p role="alert" className="rounded-3xl bg-red-100 px-8 py-6 text-4xl font-semibold text-red-900">
          {error}
        </p>
      )}
      {member.bookings.length > 0 && (
        <section aria-labelledby="today-heading" className="space-y-6">
          <h3 id="today-heading" className="text-5xl font-bold text-slate-900">
            Today at {member.location_name}
          </h3>
          <ul className="space-y-6">
            {member.bookings.map(({ booking, resource_name }) => (
              <li
                key={booking.id}
                className="flex items-center gap-8 rounded-3xl bg-white p-8 shadow ring-1 ring-slate-200"
              >
                <div className="flex-1">
                  <p className="text-5xl font-bold text-slate-900">{resource_name}</p>
                  <p className="mt-2 text-4xl text-slate-600">
                    {clock(booking.start, timeZone)} – {clock(booking.end, timeZone)}
                    {booking.status === "checked_in" ? " · checked in" : ""}
                  </p>
                </div>
                <BigButton
                  className="!w-auto min-w-[360px]"
                  disabled={busy}
                  onClick={() => onCheckIn(booking.id)}
                >
                  {booking.status === "checked_in" ? "Show pass" : "Check in"}
                </BigButton>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section
        aria-labelledby="walkin-heading"
        className="space-y-8 rounded-[3rem] bg-emerald-50 p-12 ring-2 ring-emerald-200"
      >
        <h3 id="walkin-heading" className="text-5xl font-bold text-slate-900">
          Play now
        </h3>
        <p className="text-3xl text-slate-700">
          {freeCount === 0
            ? "Every bay is taken right now."
            : "The next free bay, starting now. Choose how long:"}
        </p>
        <fieldset className="grid grid-cols-4 gap-6">
          <legend className="sr-only">How long</legend>
          {DURATIONS.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={minutes === d}
              onClick={() => setMinutes(d)}
              className={`min-h-[120px] rounded-3xl text-4xl font-bold ring-4 ring-inset focus-visible:outline-8 focus-visible:outline-amber-400 ${
                minutes === d
                  ? "bg-emerald-800 text-white ring-emerald-800"
                  : "bg-white text-slate-900 ring-slate-300"
              }`}
            >
              {d < 60 ? `${d} min` : `${Math.floor(d / 60)} h${d % 60 ? ` ${d % 60}` : ""}`}
            </button>
          ))}
        </fieldset>
        <BigButton disabled={busy || freeCount === 0} onClick={() => onWalkIn(minutes)}>
          {busy ? "Booking…" : "Book the next free bay"}
        </BigButton>
      </section>
      <div className="mt-auto">
        <BigButton tone="quiet" onClick={onDone}>
          Done — sign me out
        </BigButton>
      </div>
    </div>
  );
}
