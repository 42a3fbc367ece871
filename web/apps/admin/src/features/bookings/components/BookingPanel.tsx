import { Alert, Button, ErrorAlert, Loading, TextField } from "@booking/ui";
import { Dialog, DialogPanel, DialogTitle } from "@headlessui/react";
import { useState } from "react";
import { SelectField } from "../../../components/Page";
import {
  clock,
  credits,
  dayAndClock,
  localToIso,
  STATUS_LABEL,
  STATUS_STYLE,
  todayIn,
} from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { useCancelBooking, useCheckIn, useMoveBooking, useTimeline } from "../api/bookings";

/** A booking in a side panel: who, when, where, its timeline, and what staff can do to it. */
export function BookingPanel({ bookingId, onClose }: { bookingId: string | null; onClose: () => void }) {
  return (
    <Dialog open={bookingId !== null} onClose={onClose} className="relative z-40">
      <div className="fixed inset-0 bg-slate-900/40" aria-hidden="true" />
      <div className="fixed inset-y-0 right-0 flex w-full max-w-xl">
        <DialogPanel className="h-full w-full overflow-y-auto bg-white p-5 shadow-xl">
          {bookingId && <BookingDetail bookingId={bookingId} onClose={onClose} />}
        </DialogPanel>
      </div>
    </Dialog>
  );
}

function BookingDetail({ bookingId, onClose }: { bookingId: string; onClose: () => void }) {
  const timeline = useTimeline(bookingId);
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  if (timeline.isPending) return <Loading />;
  if (timeline.isError) return <ErrorAlert error={timeline.error} />;
  const { booking, entries } = timeline.data;
  const active = booking.status === "confirmed" || booking.status === "checked_in";
  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-2">
        <div>
          <DialogTitle className="text-xl font-bold">
            {booking.member.name || booking.member.email}
          </DialogTitle>
          <p className="text-sm text-slate-600">
            {booking.member.email}
            {booking.member.phone ? ` · ${booking.member.phone}` : ""}
          </p>
        </div>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <dt className="text-slate-600">When</dt>
        <dd>
          {dayAndClock(booking.start, tz)} – {clock(booking.end, tz)}
        </dd>
        <dt className="text-slate-600">Bay</dt>
        <dd>{booking.resource_name}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd>
          <span
            className={`rounded border px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[booking.status] ?? ""}`}
          >
            {STATUS_LABEL[booking.status] ?? booking.status}
          </span>
        </dd>
        <dt className="text-slate-600">Credits paid</dt>
        <dd>{booking.credit_cost}</dd>
        <dt className="text-slate-600">Booked through</dt>
        <dd>{booking.source}</dd>
      </dl>
      {active && (
        <Actions bookingId={booking.id} start={booking.start} end={booking.end} cost={booking.credit_cost} />
      )}
      <section aria-labelledby="timeline-heading">
        <h3 id="timeline-heading" className="mb-2 text-base font-semibold">
          Timeline
        </h3>
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4">
          {entries.map((e) => (
            <li key={`${e.kind}-${e.at}`} className="text-sm">
              <span className="font-medium">{e.label}</span>{" "}
              <span className="text-slate-600">{dayAndClock(e.at, tz)}</span>
              {e.actor && <span className="text-slate-600"> · by {e.actor}</span>}
              {typeof e.details.reason === "string" && e.details.reason && (
                <p className="text-slate-700">“{e.details.reason}”</p>
              )}
              {typeof e.details.refunded_credits === "number" && (
                <p className="text-slate-700">
                  Refunded {credits(e.details.refunded_credits)}
                  {e.details.override === true && typeof e.details.policy_credits === "number"
                    ? ` (override; the policy gave ${e.details.policy_credits})`
                    : ""}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Actions({
  bookingId,
  start,
  end,
  cost,
}: {
  bookingId: string;
  start: string;
  end: string;
  cost: number;
}) {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const bays = location?.resources ?? [];
  const checkIn = useCheckIn(bookingId);
  const move = useMoveBooking(bookingId);
  const cancel = useCancelBooking(bookingId);
  const minutes = Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60000);
  const [day, setDay] = useState(todayIn(tz, new Date(start)));
  const [time, setTime] = useState(clock(start, tz));
  const [bay, setBay] = useState("");
  const [moveReason, setMoveReason] = useState("");
  const [override, setOverride] = useState(false);
  const [refund, setRefund] = useState(String(cost));
  const [reason, setReason] = useState("");
  const done = checkIn.isSuccess || move.isSuccess || cancel.isSuccess;
  return (
    <div className="space-y-4">
      {done && <Alert tone="success">Saved.</Alert>}
      {[checkIn.error, move.error, cancel.error].map((error, i) =>
        error ? <ErrorAlert key={String(i)} error={error} /> : null,
      )}
      <Button onClick={() => checkIn.mutate()} busy={checkIn.isPending}>
        Check in
      </Button>
      <form
        className="space-y-2 rounded-lg border border-slate-200 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          const startIso = localToIso(day, time, tz);
          const endIso = new Date(new Date(startIso).getTime() + minutes * 60000).toISOString();
          move.mutate({ start: startIso, end: endIso, resource_id: bay || undefined, reason: moveReason });
        }}
      >
        <h3 className="font-semibold">Move</h3>
        <div className="grid grid-cols-2 gap-2">
          <TextField label="Day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
          <TextField
            label="Start"
            type="time"
            step={1800}
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        <SelectField
          label="Bay"
          value={bay}
          onChange={setBay}
          options={[{ value: "", label: "Same bay" }, ...bays.map((b) => ({ value: b.id, label: b.name }))]}
        />
        <TextField
          label="Why (optional)"
          value={moveReason}
          onChange={(e) => setMoveReason(e.target.value)}
        />
        <Button type="submit" variant="secondary" busy={move.isPending}>
          Move booking
        </Button>
      </form>
      <form
        className="space-y-2 rounded-lg border border-red-200 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate({
            reason,
            full_refund: false,
            refund_credits: override ? Number(refund) : undefined,
          });
        }}
      >
        <h3 className="font-semibold">Cancel</h3>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={override}
            onChange={(e) => setOverride(e.target.checked)}
            className="size-5"
          />
          Override the refund (the policy decides otherwise)
        </label>
        {override && (
          <TextField
            label={`Credits to refund (paid ${cost})`}
            type="number"
            min={0}
            max={cost}
            value={refund}
            onChange={(e) => setRefund(e.target.value)}
          />
        )}
        <TextField
          label={override ? "Why (required for an override)" : "Why (optional)"}
          value={reason}
          required={override}
          onChange={(e) => setReason(e.target.value)}
        />
        <Button type="submit" variant="danger" busy={cancel.isPending}>
          Cancel booking
        </Button>
      </form>
    </div>
  );
}
