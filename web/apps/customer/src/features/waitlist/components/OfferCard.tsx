import { Button, ErrorAlert } from "@booking/ui";
import { useEffect, useState } from "react";
import { countdown, dayLabel, timeLabel } from "../../../lib/time";
import { type useAcceptOffer, useLeaveWaitlist, type WaitlistEntry } from "../api/waitlist";

/** A bay held for the member: accept (it becomes a booking) or pass it on, before it expires. */
export function OfferCard({
  entry,
  timeZone,
  club,
  accept,
}: {
  entry: WaitlistEntry;
  timeZone: string;
  club: string;
  /** Owned by the page: the card goes as soon as the list is re-read, the booking's note stays. */
  accept: ReturnType<typeof useAcceptOffer>;
}) {
  const leave = useLeaveWaitlist();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const hold = entry.hold;
  const accepting = accept.isPending && accept.variables === entry.id;
  if (!hold) return null;
  const left = Date.parse(hold.expires_at) - now;
  return (
    <section
      className="space-y-3 rounded-xl border-2 border-emerald-600 bg-emerald-50 p-4"
      aria-labelledby={`offer-${entry.id}`}
    >
      <h2 id={`offer-${entry.id}`} className="text-lg font-semibold text-emerald-950">
        A bay is held for you
      </h2>
      <p>
        {dayLabel(hold.start, timeZone)}, {timeLabel(hold.start, timeZone)}–{timeLabel(hold.end, timeZone)} at{" "}
        {club}.
      </p>
      <p className="text-sm text-emerald-950" aria-live="off">
        {left > 0 ? `Held for ${countdown(left)} more.` : "The hold has run out."}
      </p>
      <div className="flex gap-2">
        <Button
          busy={accepting}
          disabled={left <= 0 || leave.isPending || accept.isPending}
          onClick={() => accept.mutate(entry.id)}
        >
          Accept and book
        </Button>
        <Button
          variant="secondary"
          busy={leave.isPending}
          disabled={accepting}
          onClick={() => leave.mutate(entry.id)}
        >
          Pass it on
        </Button>
      </div>
      {accept.isError && accept.variables === entry.id && (
        <ErrorAlert error={accept.error} title="We couldn't book it" />
      )}
      {leave.isError && <ErrorAlert error={leave.error} />}
    </section>
  );
}
