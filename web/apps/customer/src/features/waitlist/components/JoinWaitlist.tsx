import { ApiError } from "@booking/api-client";
import { Alert, Button, ErrorAlert } from "@booking/ui";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { dayTimes, timeLabel } from "../../../lib/time";
import { useJoinWaitlist } from "../api/waitlist";

const FLEX_MINUTES = 60;

/**
 * "That time is taken? Wait for it": joins the club's waitlist for a start time on the chosen
 * day (any bay), optionally up to an hour later. When a bay frees up, it is held for the first in
 * line for a few minutes and the Waitlist screen offers it.
 */
export function JoinWaitlist({
  locationId,
  day,
  timeZone,
  duration,
  party,
}: {
  locationId: string;
  day: string;
  timeZone: string;
  duration: number;
  party: number;
}) {
  const join = useJoinWaitlist();
  const times = useMemo(() => {
    const now = Date.now();
    return dayTimes(day, timeZone).filter(([, iso]) => Date.parse(iso) > now);
  }, [day, timeZone]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [flexible, setFlexible] = useState(false);
  const start =
    times.find(([, iso]) => iso === chosen)?.[1] ??
    times.find(([hhmm]) => hhmm >= "18:00")?.[1] ??
    times[0]?.[1];

  if (times.length === 0) return null;

  function submit() {
    if (!start) return;
    const from = Date.parse(start);
    const end = new Date(from + (duration + (flexible ? FLEX_MINUTES : 0)) * 60_000).toISOString();
    join.mutate({
      location_id: locationId,
      start,
      end,
      minutes: duration,
      party_size: party,
    });
  }

  const free = join.error instanceof ApiError && join.error.code === "SLOT_AVAILABLE";
  return (
    <section aria-labelledby="waitlist-heading" className="space-y-3 rounded-xl bg-white p-3 shadow-sm">
      <h2 id="waitlist-heading" className="text-lg font-semibold">
        Time taken? Join the waitlist
      </h2>
      <p className="text-sm text-slate-700">
        If a bay frees up, we hold it for you for a few minutes and tell you here.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Start
          <select
            className="min-h-11 rounded-lg border border-slate-400 bg-white px-2"
            value={start}
            onChange={(e) => {
              setChosen(e.target.value);
              join.reset();
            }}
          >
            {times.map(([, iso]) => (
              <option key={iso} value={iso}>
                {timeLabel(iso, timeZone)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            className="size-5"
            checked={flexible}
            onChange={(e) => setFlexible(e.target.checked)}
          />
          Or up to 1 h later
        </label>
        <Button variant="secondary" busy={join.isPending} onClick={submit}>
          Join the waitlist
        </Button>
      </div>
      {join.isSuccess && (
        <Alert tone="success" title="You're on the waitlist.">
          We'll hold a bay for you if one frees up.{" "}
          <Link to="/waitlist" className="font-semibold underline">
            See your waitlist
          </Link>
        </Alert>
      )}
      {free && <Alert tone="info">That time is free right now: book it above.</Alert>}
      {join.isError && !free && <ErrorAlert error={join.error} title="We couldn't add you to the waitlist" />}
    </section>
  );
}
