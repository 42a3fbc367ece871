import { Alert, Button, ConfirmDialog, ErrorAlert, Loading, useOnline } from "@booking/ui";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { dayLabel, timeLabel } from "../../../lib/time";
import { useLocations } from "../../booking/api/booking";
import { useBooking, useCancelBooking, useExtend, useRefundPreview, useReschedule } from "../api/bookings";

/** How long before its end a booking can be extended (the API's window). */
const EXTEND_WINDOW_MS = 15 * 60_000;

function shifted(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

export function BookingPage() {
  const { bookingId = "" } = useParams();
  const online = useOnline();
  const booking = useBooking(bookingId);
  const locations = useLocations();
  const [cancelling, setCancelling] = useState(false);
  const preview = useRefundPreview(bookingId, cancelling);
  const cancel = useCancelBooking(bookingId);
  const reschedule = useReschedule(bookingId);
  const extend = useExtend(bookingId);

  if (booking.isPending) return <Loading label="Loading the booking…" />;
  if (booking.isError && !booking.data) return <ErrorAlert error={booking.error} />;
  const b = booking.data;
  const club = locations.data?.find((l) => l.id === b.location_id);
  const zone = club?.time_zone ?? "UTC";
  const active = b.status === "confirmed" || b.status === "checked_in";
  const bay = club?.resources?.find((r) => r.id === b.resource_id)?.name ?? "Bay";
  const now = Date.now();
  const endsAt = Date.parse(b.end);
  const extendable = active && now >= endsAt - EXTEND_WINDOW_MS && now < endsAt;

  return (
    <section aria-labelledby="booking-heading" className="space-y-4">
      <h1 id="booking-heading" className="text-2xl font-bold">
        {dayLabel(b.start, zone)}, {timeLabel(b.start, zone)}
      </h1>
      <dl className="grid grid-cols-2 gap-2 rounded-xl bg-white p-4 shadow-sm">
        <dt className="text-slate-600">Club</dt>
        <dd>{club?.name}</dd>
        <dt className="text-slate-600">Bay</dt>
        <dd>{bay}</dd>
        <dt className="text-slate-600">Until</dt>
        <dd>{timeLabel(b.end, zone)}</dd>
        <dt className="text-slate-600">Players</dt>
        <dd>{b.party_size}</dd>
        <dt className="text-slate-600">Credits</dt>
        <dd>{b.credit_cost}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd>{b.status.replace("_", " ")}</dd>
      </dl>
      {cancel.isSuccess && <Alert tone="success">Cancelled. Any refund is in your credits.</Alert>}
      {cancel.isError && <ErrorAlert error={cancel.error} title="We couldn't cancel" />}
      {reschedule.isError && <ErrorAlert error={reschedule.error} title="We couldn't move the booking" />}
      {extend.isError && <ErrorAlert error={extend.error} title="We couldn't extend the booking" />}
      {extend.isSuccess && (
        <Alert tone="success">Extended: you play until {timeLabel(extend.data.end, zone)}.</Alert>
      )}
      {reschedule.isSuccess && (
        <Alert tone="success">Moved to {timeLabel(reschedule.data.start, zone)}.</Alert>
      )}
      {active && (
        <div className="flex flex-wrap gap-2">
          <Link
            to={`/bookings/${b.id}/pass`}
            className="inline-flex min-h-11 items-center rounded-lg bg-emerald-700 px-4 font-semibold text-white focus-visible:outline-3 focus-visible:outline-amber-500"
          >
            Door pass
          </Link>
          {extendable && (
            <Button disabled={!online} busy={extend.isPending} onClick={() => extend.mutate(30)}>
              Play 30 min more
            </Button>
          )}
          {now < Date.parse(b.start) && (
            <Button
              variant="secondary"
              disabled={!online}
              busy={reschedule.isPending}
              onClick={() =>
                reschedule.mutate({
                  start: shifted(b.start, 30),
                  end: shifted(b.end, 30),
                  version: b.version,
                })
              }
            >
              30 min later
            </Button>
          )}
          <Button variant="danger" disabled={!online} onClick={() => setCancelling(true)}>
            Cancel booking
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={cancelling}
        title="Cancel this booking?"
        confirmLabel="Cancel booking"
        tone="danger"
        busy={cancel.isPending}
        onConfirm={() => cancel.mutate(undefined, { onSettled: () => setCancelling(false) })}
        onClose={() => setCancelling(false)}
      >
        {preview.isPending && <Loading label="Working out your refund…" />}
        {preview.isError && <ErrorAlert error={preview.error} />}
        {preview.data && (
          <p>
            You get back <strong>{preview.data.refund_credits}</strong> of {preview.data.credit_cost} credits
            ({preview.data.refund_percent}% refund, {Math.max(0, preview.data.hours_before_start).toFixed(1)}{" "}
            h before the start).
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
