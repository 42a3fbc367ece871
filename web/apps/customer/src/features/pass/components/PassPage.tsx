import { ApiError, unwrap } from "@booking/api-client";
import { Alert, ErrorAlert, Loading, useApi } from "@booking/ui";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { countdown } from "../../../lib/time";

function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The door pass: the rotating QR, fetched again as it rotates, with a countdown to opening. */
export function PassPage() {
  const { bookingId = "" } = useParams();
  const api = useApi();
  const now = useNow();
  const pass = useQuery({
    queryKey: ["pass", bookingId],
    meta: { offline: true },
    queryFn: () =>
      unwrap(api.GET("/bookings/{booking_id}/pass", { params: { path: { booking_id: bookingId } } })),
    // Rotates every step: fetch again when the current token stops being accepted.
    refetchInterval: (query) => Math.max(1, query.state.data?.refresh_after_seconds ?? 30) * 1000,
    retry: false,
  });
  const back = (
    <Link to={`/bookings/${bookingId}`} className="font-semibold underline">
      Back to the booking
    </Link>
  );
  if (pass.isPending) return <Loading label="Loading your pass…" />;
  if (pass.isError && !pass.data) {
    const error = pass.error;
    const details = error instanceof ApiError ? (error.details as { valid_from?: string }) : {};
    if (error instanceof ApiError && error.code === "PASS_NOT_YET_VALID" && details.valid_from) {
      return (
        <section className="space-y-4" aria-labelledby="pass-heading">
          <h1 id="pass-heading" className="text-2xl font-bold">
            Door pass
          </h1>
          <Alert tone="info" title="Your pass isn't open yet">
            It opens in <strong aria-live="off">{countdown(Date.parse(details.valid_from) - now)}</strong>.
          </Alert>
          {back}
        </section>
      );
    }
    return (
      <section className="space-y-4">
        <ErrorAlert error={error} />
        {back}
      </section>
    );
  }
  const p = pass.data;
  const opens = Date.parse(p.valid_from);
  const until = Date.parse(p.valid_until);
  return (
    <section className="space-y-4" aria-labelledby="pass-heading">
      <h1 id="pass-heading" className="text-2xl font-bold">
        Door pass
      </h1>
      <div className="mx-auto w-full max-w-xs rounded-2xl bg-white p-4 shadow">
        <img
          src={`data:image/png;base64,${p.qr.png_base64}`}
          alt="Door pass QR code: hold it to the reader"
          className="w-full [image-rendering:pixelated]"
          data-token={p.token}
        />
      </div>
      {now < opens ? (
        <Alert tone="info">
          Opens in <strong>{countdown(opens - now)}</strong>
        </Alert>
      ) : (
        <Alert tone="success">
          Open now, until{" "}
          {new Date(until).toLocaleTimeString("en-CA", { hour: "numeric", minute: "2-digit" })}
        </Alert>
      )}
      {Date.parse(p.expires_at) > now ? (
        <p className="text-center text-sm text-slate-600">
          The code changes every few seconds; it refreshes by itself. Next change in{" "}
          {countdown(Date.parse(p.expires_at) - now)}.
        </p>
      ) : (
        // Kept from the last time online: the door takes only the current code, so say so.
        <Alert tone="warning" title="This code has changed since it was fetched">
          It refreshes as soon as you're back online; the times above still hold.
        </Alert>
      )}
      {back}
    </section>
  );
}
