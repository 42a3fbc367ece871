import { unwrap } from "@booking/api-client";
import { Alert, Button, ErrorAlert, useApi } from "@booking/ui";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { countdown } from "../../../lib/time";

/** The API's QR SVG has a fixed pixel size: give it a viewBox so it fills its frame. */
function scalable(svg: string): string {
  return svg.replace(
    /^<svg width="(\d+)" height="(\d+)"/,
    '<svg viewBox="0 0 $1 $2" width="100%" height="100%" role="img" aria-label="Kiosk sign-in QR code"',
  );
}

/**
 * Signing in at the club's door kiosk: a one-time code (QR for the scanner, 6 digits to type
 * with my phone number), valid for a couple of minutes. Asking again replaces the old one.
 */
export function KioskCodePage() {
  const api = useApi();
  const issue = useMutation({ mutationFn: () => unwrap(api.POST("/me/kiosk-code", {})) });
  const [now, setNow] = useState(Date.now());
  const { mutate } = issue;
  useEffect(() => mutate(), [mutate]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const code = issue.data;
  const left = code ? Date.parse(code.expires_at) - now : 0;

  return (
    <section className="space-y-4" aria-labelledby="kiosk-code-heading">
      <h1 id="kiosk-code-heading" className="text-2xl font-bold">
        Kiosk code
      </h1>
      <p className="text-slate-700">
        Hold the QR code under the kiosk's scanner, or type the 6 digits there with your phone number.
      </p>
      {issue.isError && <ErrorAlert error={issue.error} title="We couldn't get a code" />}
      {code && left > 0 && (
        <>
          <div
            className="mx-auto aspect-square w-full max-w-xs rounded-2xl bg-white p-4 shadow"
            // Our API's own QR: no user input reaches this markup.
            dangerouslySetInnerHTML={{ __html: scalable(code.qr_svg) }}
          />
          <p className="text-center text-4xl font-bold tracking-[0.3em] tabular-nums">
            <span className="sr-only">Code: </span>
            <span data-testid="kiosk-digits">{code.code}</span>
          </p>
          <p className="text-center text-sm text-slate-600" aria-live="off">
            Works once, for {countdown(left)} more.
          </p>
        </>
      )}
      {code && left <= 0 && <Alert tone="info">That code has run out.</Alert>}
      {(issue.isError || (code && left <= 0)) && (
        <Button onClick={() => mutate()} disabled={issue.isPending}>
          Get a new code
        </Button>
      )}
    </section>
  );
}
