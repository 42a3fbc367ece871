import { ApiError } from "@booking/api-client";
import {
  Alert,
  Button,
  ConfirmDialog,
  ErrorAlert,
  Loading,
  type SlotChange,
  useLiveFeed,
  useOnline,
} from "@booking/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { timeLabel, todayIn } from "../../../lib/time";
import { JoinWaitlist } from "../../waitlist/components/JoinWaitlist";
import {
  AVAILABILITY_KEY,
  type AvailabilityFilter,
  type Booking,
  type Location,
  type Slot,
  useAvailability,
  useCreateBooking,
  useLocations,
  withoutTaken,
} from "../api/booking";

const DURATIONS = [30, 60, 90, 120];
const HOME_KEY = "booking.homeClub";

function alternativesOf(error: unknown): Slot[] {
  if (!(error instanceof ApiError) || error.code !== "SLOT_TAKEN") return [];
  const details = error.details as { alternatives?: Slot[] };
  return details.alternatives ?? [];
}

/** Home club first: the one the member last booked at, else the first listed. */
function orderClubs(locations: Location[]): Location[] {
  const home = localStorage.getItem(HOME_KEY);
  return [...locations].sort((a, b) => Number(b.id === home) - Number(a.id === home));
}

function SlotGrid({
  slots,
  timeZone,
  disabled,
  onPick,
}: {
  slots: Slot[];
  timeZone: string;
  disabled: boolean;
  onPick: (slot: Slot) => void;
}) {
  // One row per start instant (not per wall-clock label: a fall-back day has two 1:30s).
  const rows = useMemo(() => {
    const byStart = new Map<string, Slot[]>();
    for (const slot of slots) {
      const key = new Date(slot.start).toISOString();
      byStart.set(key, [...(byStart.get(key) ?? []), slot]);
    }
    return [...byStart.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [slots]);
  if (rows.length === 0)
    return <Alert tone="info">No free bays that day for that length. Try another day.</Alert>;
  return (
    <ul aria-label="Free times" className="divide-y divide-slate-200 rounded-xl bg-white shadow-sm">
      {rows.map(([start, bays]) => (
        <li key={start} className="flex flex-wrap items-center gap-2 px-3 py-2">
          <span className="w-32 shrink-0 font-semibold tabular-nums">{timeLabel(start, timeZone)}</span>
          {bays.map((slot) => (
            <Button
              key={slot.resource_id}
              variant="secondary"
              disabled={disabled}
              onClick={() => onPick(slot)}
              aria-label={`Book ${slot.resource_name ?? "bay"} at ${timeLabel(start, timeZone)}`}
              className="min-h-11"
            >
              {slot.resource_name ?? "Bay"}
            </Button>
          ))}
        </li>
      ))}
    </ul>
  );
}

export function BookPage() {
  const online = useOnline();
  const locations = useLocations();
  const clubs = useMemo(() => orderClubs(locations.data ?? []), [locations.data]);
  const [clubId, setClubId] = useState<string | null>(null);
  const club = clubs.find((c) => c.id === clubId) ?? clubs[0];
  const [date, setDate] = useState<string | null>(null);
  const day = date ?? (club ? todayIn(club.time_zone) : "");
  const [duration, setDuration] = useState(60);
  const [party, setParty] = useState(1);
  const queries = useQueryClient();
  // Bookings made anywhere (another member, the kiosk, the desk) take their slots off this grid
  // as they happen; while the socket is down the grid polls instead.
  const feed = useLiveFeed({
    locationId: club?.id,
    day: club ? day : undefined,
    onChange: (change: SlotChange) =>
      queries.setQueriesData<Slot[]>(
        {
          queryKey: AVAILABILITY_KEY,
          predicate: (q) => (q.queryKey[1] as AvailabilityFilter | null)?.locationId === change.location_id,
        },
        (slots) => slots && withoutTaken(slots, change),
      ),
    invalidate: [[...AVAILABILITY_KEY]],
  });
  const availability = useAvailability(
    club ? { locationId: club.id, date: day, duration } : null,
    feed.pollInterval,
  );
  const create = useCreateBooking();
  const [picked, setPicked] = useState<Slot | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [booked, setBooked] = useState<Booking | null>(null);

  if (!online && !locations.data)
    return <Alert tone="warning">You're offline: free times will show when you're back online.</Alert>;
  if (locations.isPending) return <Loading label="Loading clubs…" />;
  if (locations.isError && !locations.data) return <ErrorAlert error={locations.error} />;
  if (!club) return <Alert>No clubs are open for booking yet.</Alert>;

  function pick(slot: Slot) {
    setPicked(slot);
    setKey(crypto.randomUUID()); // a new intended booking: a new key
    setBooked(null);
    create.reset();
  }

  function confirm() {
    if (!picked || !club) return;
    create.mutate(
      { slot: picked, partySize: party, idempotencyKey: key },
      {
        onSuccess: (booking) => {
          localStorage.setItem(HOME_KEY, booking.location_id);
          setBooked(booking);
          setPicked(null);
        },
        onError: () => setPicked(null),
      },
    );
  }

  const alternatives = alternativesOf(create.error);
  const tz = club.time_zone;
  const stale = !online;

  return (
    <section aria-labelledby="book-heading" className="space-y-4" data-live={feed.status}>
      <h1 id="book-heading" className="text-2xl font-bold">
        Book a bay
      </h1>
      <form
        className="grid grid-cols-2 gap-3 rounded-xl bg-white p-3 shadow-sm"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="col-span-2 flex flex-col gap-1 text-sm font-medium">
          Club
          <select
            className="min-h-11 rounded-lg border border-slate-400 bg-white px-2"
            value={club.id}
            onChange={(e) => setClubId(e.target.value)}
          >
            {clubs.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="col-span-2 flex flex-col gap-1 text-sm font-medium">
          Date
          <input
            type="date"
            className="min-h-11 rounded-lg border border-slate-400 bg-white px-2"
            value={day}
            min={todayIn(tz)}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Length
          <select
            className="min-h-11 rounded-lg border border-slate-400 bg-white px-2"
            value={duration}
            onChange={(e) => setDuration(Number(e.target.value))}
          >
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {d < 60 ? `${d} min` : `${d / 60} h`}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Players
          <select
            className="min-h-11 rounded-lg border border-slate-400 bg-white px-2"
            value={party}
            onChange={(e) => setParty(Number(e.target.value))}
          >
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="text-sm text-slate-600">
        Times are the club's local time ({tz.replace("_", " ")}).{" "}
        {!stale && (
          <a href="#waitlist-heading" className="font-semibold text-emerald-800 underline">
            Time you want taken? Join the waitlist
          </a>
        )}
      </p>

      {booked && (
        <Alert tone="success" title="Booked!">
          {timeLabel(booked.start, tz)}–{timeLabel(booked.end, tz)} on {booked.start.slice(0, 10)}.{" "}
          <Link className="font-semibold underline" to={`/bookings/${booked.id}`}>
            See the booking
          </Link>
        </Alert>
      )}
      {create.isError && alternatives.length === 0 && (
        <ErrorAlert error={create.error} title="We couldn't book that" />
      )}
      {alternatives.length > 0 && (
        <div className="space-y-2">
          <Alert tone="warning" title="Someone just booked that time.">
            These are free instead; one tap books it.
          </Alert>
          <ul aria-label="Alternatives" className="space-y-2">
            {alternatives.map((alt) => (
              <li key={alt.resource_id + alt.start}>
                <Button variant="secondary" className="w-full justify-between" onClick={() => pick(alt)}>
                  <span>{alt.resource_name ?? "Bay"}</span>
                  <span>{timeLabel(alt.start, tz)}</span>
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {stale && <Alert tone="warning">You're offline: free times will show when you're back online.</Alert>}
      {!stale && availability.isPending && <Loading label="Finding free bays…" />}
      {!stale && availability.isError && <ErrorAlert error={availability.error} />}
      {!stale && availability.data && (
        <SlotGrid slots={availability.data} timeZone={tz} disabled={create.isPending} onPick={pick} />
      )}
      {!stale && (
        <JoinWaitlist
          key={`${club.id}/${day}`}
          locationId={club.id}
          day={day}
          timeZone={tz}
          duration={duration}
          party={party}
        />
      )}

      <ConfirmDialog
        open={picked !== null}
        title="Book this bay?"
        confirmLabel="Book"
        cancelLabel="Back"
        busy={create.isPending}
        onConfirm={confirm}
        onClose={() => setPicked(null)}
      >
        {picked && (
          <p>
            {picked.resource_name ?? "Bay"}, {timeLabel(picked.start, tz)}–{timeLabel(picked.end, tz)},{" "}
            {party} {party === 1 ? "player" : "players"} at {club.name}.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
