import { Alert, Button, ErrorAlert, Loading, useLiveFeed } from "@booking/ui";
import { Link } from "react-router";
import { dayLabel, timeLabel, todayIn } from "../../../lib/time";
import { useLocations } from "../../booking/api/booking";
import {
  useAcceptOffer,
  useLeaveWaitlist,
  useWaitlist,
  WAITLIST_KEY,
  type WaitlistEntry,
} from "../api/waitlist";
import { OfferCard } from "./OfferCard";

const STATUS: Record<WaitlistEntry["status"], string> = {
  waiting: "Waiting",
  offered: "Held for you",
  booked: "Booked",
  left: "Left",
  lapsed: "Hold ran out",
};

function EntryRow({ entry, timeZone, club }: { entry: WaitlistEntry; timeZone: string; club: string }) {
  const leave = useLeaveWaitlist();
  const flexible = Date.parse(entry.end) - Date.parse(entry.start) > entry.minutes * 60_000;
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 rounded-xl bg-white px-4 py-3 shadow-sm">
      <span>
        <span className="block font-semibold">
          {dayLabel(entry.start, timeZone)}, {timeLabel(entry.start, timeZone)}
          {flexible
            ? ` to ${timeLabel(new Date(Date.parse(entry.end) - entry.minutes * 60_000).toISOString(), timeZone)}`
            : ""}
        </span>
        <span className="block text-sm text-slate-600">
          {entry.minutes} min at {club}
        </span>
      </span>
      <span className="flex items-center gap-2">
        <span className="rounded-full bg-slate-100 px-2 py-1 text-xs font-medium text-slate-800">
          {STATUS[entry.status]}
        </span>
        {entry.status === "waiting" && (
          <Button variant="ghost" busy={leave.isPending} onClick={() => leave.mutate(entry.id)}>
            Leave
          </Button>
        )}
      </span>
    </li>
  );
}

export function WaitlistPage() {
  const waitlist = useWaitlist();
  const locations = useLocations();
  // Here, not in the offer's card: the card unmounts when the re-read list shows the entry
  // booked, which may come back before the accept's own answer does.
  const accept = useAcceptOffer();
  const booked = accept.isSuccess ? accept.data : null;
  const clubs = new Map((locations.data ?? []).map((l) => [l.id, l]));
  const open = (waitlist.data ?? []).filter((e) => e.status === "waiting" || e.status === "offered");
  const first = open[0];
  const firstZone = first ? (clubs.get(first.location_id)?.time_zone ?? "UTC") : undefined;
  // A freed slot at the club of the first open entry shows up at once; the poll covers the rest.
  useLiveFeed({
    locationId: first?.location_id,
    day: first && firstZone ? todayIn(firstZone, new Date(first.start)) : undefined,
    invalidate: [[...WAITLIST_KEY]],
  });
  if (waitlist.isPending) return <Loading label="Loading your waitlist…" />;
  if (waitlist.isError && !waitlist.data) return <ErrorAlert error={waitlist.error} />;
  const offers = open.filter((e) => e.status === "offered");
  const rest = waitlist.data.filter((e) => e.status !== "offered");
  const zone = (e: { location_id: string }) => clubs.get(e.location_id)?.time_zone ?? "UTC";
  const name = (e: WaitlistEntry) => clubs.get(e.location_id)?.name ?? "";
  return (
    <section aria-labelledby="waitlist-page-heading" className="space-y-4">
      <h1 id="waitlist-page-heading" className="text-2xl font-bold">
        Waitlist
      </h1>
      {booked && (
        <Alert tone="success" title="Booked!">
          {dayLabel(booked.start, zone(booked))}, {timeLabel(booked.start, zone(booked))}.{" "}
          <Link className="font-semibold underline" to={`/bookings/${booked.id}`}>
            See the booking
          </Link>
        </Alert>
      )}
      {offers.map((e) => (
        <OfferCard key={e.id} entry={e} timeZone={zone(e)} club={name(e)} accept={accept} />
      ))}
      {rest.length === 0 && offers.length === 0 ? (
        <Alert>
          You're not waiting for anything. When a time you want is taken, join its waitlist from{" "}
          <Link to="/" className="font-semibold underline">
            Book
          </Link>
          .
        </Alert>
      ) : (
        <ul aria-label="Waitlist entries" className="space-y-2">
          {rest.map((e) => (
            <EntryRow key={e.id} entry={e} timeZone={zone(e)} club={name(e)} />
          ))}
        </ul>
      )}
    </section>
  );
}
