import { Alert, ErrorAlert, Loading } from "@booking/ui";
import { Link } from "react-router";
import { dayLabel, timeLabel } from "../../../lib/time";
import { useLocations } from "../../booking/api/booking";
import { type Booking, useMyBookings } from "../api/bookings";

const ACTIVE = new Set(["confirmed", "checked_in"]);

function BookingRow({ booking, zone, club }: { booking: Booking; zone: string; club: string }) {
  return (
    <li>
      <Link
        to={`/bookings/${booking.id}`}
        className="flex items-center justify-between gap-2 rounded-xl bg-white px-4 py-3 shadow-sm focus-visible:outline-3 focus-visible:outline-amber-500"
      >
        <span>
          <span className="block font-semibold">
            {dayLabel(booking.start, zone)}, {timeLabel(booking.start, zone)}
          </span>
          <span className="block text-sm text-slate-600">{club}</span>
        </span>
        <span className="rounded-full bg-slate-100 px-2 py-1 text-xs font-medium text-slate-800">
          {booking.status.replace("_", " ")}
        </span>
      </Link>
    </li>
  );
}

export function MyBookingsPage() {
  const bookings = useMyBookings();
  const locations = useLocations();
  if (bookings.isPending) return <Loading label="Loading your bookings…" />;
  if (bookings.isError && !bookings.data) return <ErrorAlert error={bookings.error} />;
  const clubs = new Map((locations.data ?? []).map((l) => [l.id, l]));
  const now = Date.now();
  const upcoming = bookings.data
    .filter((b) => ACTIVE.has(b.status) && Date.parse(b.end) > now)
    .sort((a, b) => a.start.localeCompare(b.start));
  const past = bookings.data
    .filter((b) => !upcoming.includes(b))
    .sort((a, b) => b.start.localeCompare(a.start));
  const row = (b: Booking) => {
    const club = clubs.get(b.location_id);
    return <BookingRow key={b.id} booking={b} zone={club?.time_zone ?? "UTC"} club={club?.name ?? ""} />;
  };
  return (
    <section aria-labelledby="mine-heading" className="space-y-4">
      <h1 id="mine-heading" className="text-2xl font-bold">
        My bookings
      </h1>
      <h2 className="text-lg font-semibold">Upcoming</h2>
      {upcoming.length === 0 ? (
        <Alert>
          Nothing booked.{" "}
          <Link to="/" className="font-semibold underline">
            Book a bay
          </Link>
        </Alert>
      ) : (
        <ul className="space-y-2">{upcoming.map(row)}</ul>
      )}
      <h2 className="text-lg font-semibold">Past and cancelled</h2>
      {past.length === 0 ? (
        <p className="text-slate-600">None yet.</p>
      ) : (
        <ul className="space-y-2">{past.map(row)}</ul>
      )}
    </section>
  );
}
