import { ApiError } from "@booking/api-client";
import { humanMessage, useLiveFeed, useOnline } from "@booking/ui";
import { useCallback, useEffect, useState } from "react";
import { FLOOR_KEY, type SignedIn, useCheckIn, useFloor, useSignIn, useSignOut, useWalkIn } from "./api";
import { CodeEntry } from "./CodeEntry";
import { MemberScreen } from "./MemberScreen";
import { OfflineScreen } from "./OfflineScreen";
import { PassScreen, type ShownPass } from "./PassScreen";
import { StartScreen } from "./StartScreen";
import { useIdleReset } from "./useIdleReset";
import { useScanner } from "./useScanner";

type Screen =
  | { name: "start" }
  | { name: "code" }
  | { name: "member"; signed: SignedIn }
  | { name: "pass"; signed: SignedIn; pass: ShownPass };

function today(timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "KIOSK_CODE_REFUSED") return "That code didn't work. Ask your app for a new one.";
    if (error.code === "KIOSK_SESSION_ENDED") return "Your session ended. Please sign in again.";
    if (error.code === "NO_BAY_FREE") return "Every bay is taken right now.";
    if (error.code === "OUTSIDE_CHECK_IN_WINDOW") return "Check-in opens shortly before your booking starts.";
  }
  return humanMessage(error);
}

/** The kiosk: start (scan or type) → signed in (check in / walk in) → pass; idle → start. */
export function KioskFlow() {
  const online = useOnline();
  const [screen, setScreen] = useState<Screen>({ name: "start" });
  const [error, setError] = useState<string | null>(null);
  const [clock, setClock] = useState(() => new Date());
  const [timeZone, setTimeZone] = useState<string | undefined>();
  const [locationId, setLocationId] = useState<string | undefined>();
  const feed = useLiveFeed({
    locationId,
    day: timeZone ? today(timeZone) : undefined,
    invalidate: [[...FLOOR_KEY]],
  });
  const floor = useFloor(feed.pollInterval);
  const signIn = useSignIn();
  const walkIn = useWalkIn();
  const checkIn = useCheckIn();
  const signOut = useSignOut();

  useEffect(() => {
    if (floor.data) {
      setTimeZone(floor.data.time_zone);
      setLocationId(floor.data.location_id);
    }
  }, [floor.data]);
  useEffect(() => {
    const t = setInterval(() => setClock(new Date()), 15_000);
    return () => clearInterval(t);
  }, []);

  const session = screen.name === "member" || screen.name === "pass" ? screen.signed.session : null;
  const backToStart = useCallback(() => {
    if (session) signOut.mutate(session);
    setError(null);
    signIn.reset();
    setScreen({ name: "start" });
  }, [session, signOut, signIn]);
  useIdleReset(screen.name !== "start", backToStart);

  const submitSignIn = (body: Parameters<typeof signIn.mutate>[0]) => {
    setError(null);
    signIn.mutate(body, {
      onSuccess: (signed) => setScreen({ name: "member", signed }),
      onError: (e) => setError(messageOf(e)),
    });
  };
  useScanner(online && (screen.name === "start" || screen.name === "code") && !signIn.isPending, (token) =>
    submitSignIn({ token }),
  );

  if (!online) return <OfflineScreen />;
  const tz = timeZone ?? "UTC";
  const locationName = floor.data?.location_name ?? "";

  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <header className="flex items-center justify-between bg-slate-900 px-20 py-10 text-white">
        <h1 className="text-5xl font-black">{locationName || "Club kiosk"}</h1>
        <p className="text-5xl font-semibold tabular-nums">
          {new Intl.DateTimeFormat("en-CA", { hour: "numeric", minute: "2-digit", timeZone: tz }).format(
            clock,
          )}
        </p>
      </header>
      {screen.name === "start" && (
        <>
          {error && (
            <p
              role="alert"
              className="mx-20 mt-10 rounded-3xl bg-red-100 px-8 py-6 text-4xl font-semibold text-red-900"
            >
              {error}
            </p>
          )}
          <StartScreen
            floor={floor.data}
            live={feed.status}
            busy={signIn.isPending}
            onTypeCode={() => {
              setError(null);
              setScreen({ name: "code" });
            }}
          />
        </>
      )}
      {screen.name === "code" && (
        <CodeEntry
          busy={signIn.isPending}
          error={error}
          onCancel={backToStart}
          onSubmit={(customer, code) => submitSignIn({ customer, code })}
        />
      )}
      {screen.name === "member" && (
        <MemberScreen
          member={screen.signed}
          timeZone={tz}
          freeCount={floor.data?.free_count}
          busy={walkIn.isPending || checkIn.isPending}
          error={error}
          onDone={backToStart}
          onWalkIn={(minutes) => {
            setError(null);
            walkIn.mutate(
              { session: screen.signed.session, duration_minutes: minutes },
              {
                onSuccess: (r) =>
                  setScreen({
                    name: "pass",
                    signed: screen.signed,
                    pass: {
                      resourceName: r.resource_name,
                      until: r.booking.end,
                      reply: r.reply,
                      qrSvg: r.pass?.qr_svg ?? null,
                      expiresAt: r.pass?.expires_at ?? null,
                    },
                  }),
                onError: (e) => setError(messageOf(e)),
              },
            );
          }}
          onCheckIn={(bookingId) => {
            setError(null);
            checkIn.mutate(
              { session: screen.signed.session, booking_id: bookingId },
              {
                onSuccess: (r) =>
                  setScreen({
                    name: "pass",
                    signed: screen.signed,
                    pass: {
                      resourceName: r.resource_name,
                      until: r.booking.end,
                      reply: r.reply,
                      qrSvg: r.pass?.qr_svg ?? null,
                      expiresAt: r.pass?.expires_at ?? null,
                    },
                  }),
                onError: (e) => setError(messageOf(e)),
              },
            );
          }}
        />
      )}
      {screen.name === "pass" && <PassScreen pass={screen.pass} onDone={backToStart} />}
    </div>
  );
}
