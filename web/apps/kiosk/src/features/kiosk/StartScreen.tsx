import type { LiveStatus } from "@booking/ui";
import type { Floor } from "./api";
import { BigButton } from "./BigButton";

/** A QR code's three corner squares and a few modules: "hold your code here" (an SVG, so no
 * font on the kiosk has to have the glyph). */
function QrGlyph() {
  return (
    <svg viewBox="0 0 21 21" className="h-40 w-40 text-emerald-900" fill="currentColor" aria-hidden="true">
      <path d="M0 0h7v7H0zM2 2v3h3V2zM14 0h7v7h-7zm2 2v3h3V2zM0 14h7v7H0zm2 2v3h3v-3z" fillRule="evenodd" />
      <path d="M9 0h2v2H9zM9 4h3v3H9zM13 9h2v2h-2zM9 9h3v3H9zM0 9h2v2H0zM4 9h3v2H4zM17 9h4v2h-4zM9 14h2v3H9zM13 13h3v3h-3zM18 13h3v2h-3zM9 19h3v2H9zM14 18h2v3h-2zM18 17h3v4h-3z" />
    </svg>
  );
}

/** The idle screen: how many bays are free now, and how to sign in with the app's code. */
export function StartScreen({
  floor,
  live,
  onTypeCode,
  busy,
}: {
  floor: Floor | undefined;
  live: LiveStatus;
  onTypeCode: () => void;
  busy: boolean;
}) {
  const free = floor?.free_count;
  return (
    <div className="flex flex-1 flex-col gap-16 px-20 py-16">
      <section
        aria-label="Bays free now"
        className="rounded-[3rem] bg-emerald-900 px-16 py-14 text-white shadow-xl"
      >
        <p className="text-4xl font-medium text-emerald-100">Free right now for an hour</p>
        <p className="mt-4 text-[10rem] leading-none font-black tabular-nums" data-testid="free-count">
          {free === undefined ? "–" : free}
          <span className="ml-2 text-6xl font-bold"> {free === 1 ? "bay" : "bays"}</span>
        </p>
        <ul className="mt-10 flex flex-wrap gap-4">
          {floor?.bays.map((bay) => (
            <li
              key={bay.id}
              data-testid="bay"
              data-free={bay.free_now}
              className={`rounded-full px-8 py-4 text-3xl font-semibold ${
                bay.free_now ? "bg-emerald-300 text-emerald-950" : "bg-emerald-950/70 text-emerald-100"
              }`}
            >
              {bay.name}
              <span className="ml-2 text-2xl font-normal"> {bay.free_now ? "free" : "in use"}</span>
            </li>
          ))}
        </ul>
        <p className="mt-8 text-2xl text-emerald-200" data-testid="live-status" data-status={live}>
          {live === "live" ? "● Updates live" : "Updating every few seconds"}
        </p>
      </section>

      <section
        aria-labelledby="scan-heading"
        className="flex flex-1 flex-col items-center gap-10 text-center"
      >
        <h2 id="scan-heading" className="text-6xl font-black text-slate-900">
          Walk in or check in
        </h2>
        <ol className="space-y-6 text-left text-4xl text-slate-700">
          <li>
            <span className="mr-4 font-black text-emerald-800">1</span>Open the club app and tap{" "}
            <strong>Kiosk code</strong>
          </li>
          <li>
            <span className="mr-4 font-black text-emerald-800">2</span>Hold the QR code under the scanner
          </li>
        </ol>
        <div
          aria-hidden="true"
          className="my-6 flex h-72 w-72 items-center justify-center rounded-[3rem] border-[12px] border-dashed border-emerald-700"
        >
          <QrGlyph />
        </div>
        <p className="text-3xl font-semibold text-emerald-900">The scanner is below this screen</p>
        <p className="text-3xl text-slate-600">
          {busy ? "Signing you in…" : "No QR? Type the 6 digits instead."}
        </p>
        <div className="w-full max-w-3xl">
          <BigButton tone="secondary" onClick={onTypeCode} disabled={busy}>
            Type my code
          </BigButton>
        </div>
      </section>
    </div>
  );
}
