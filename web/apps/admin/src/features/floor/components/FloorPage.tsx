import type { Schemas } from "@booking/api-client";
import { Button, ErrorAlert, Loading, useLiveFeed } from "@booking/ui";
import { useState } from "react";
import { Page } from "../../../components/Page";
import { addDays, clock, STATUS_LABEL, STATUS_STYLE, todayIn } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { keys } from "../../../lib/queryKeys";
import { useFloor } from "../api/floor";
import { WaitlistCard } from "./WaitlistCard";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

const BAY_STATE: Record<string, string> = {
  maintenance: "Out of service",
  unhealthy: "PC unhealthy",
};

/** Bays × hours of a club's day with every booking; select one to act on it. */
export function FloorPage({ onSelect }: { onSelect: (bookingId: string) => void }) {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const [day, setDay] = useState(() => todayIn(tz));
  const feed = useLiveFeed({
    locationId: location?.id,
    day,
    invalidate: [keys.floor(location?.id ?? "", day)],
  });
  const floor = useFloor(location?.id, day, feed.pollInterval);
  return (
    <Page
      title="Floor"
      actions={
        <div className="flex items-center gap-2">
          <span role="status" className="text-sm text-slate-600">
            {feed.status === "live" ? "Live" : feed.status === "off" ? "" : "Reconnecting…"}
          </span>
          <Button variant="secondary" onClick={() => setDay(addDays(day, -1))} aria-label="Previous day">
            ‹
          </Button>
          <input
            type="date"
            aria-label="Day"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            className="min-h-11 rounded-lg border border-slate-400 px-3"
          />
          <Button variant="secondary" onClick={() => setDay(addDays(day, 1))} aria-label="Next day">
            ›
          </Button>
          <Button variant="ghost" onClick={() => setDay(todayIn(tz))}>
            Today
          </Button>
        </div>
      }
    >
      {floor.isError && <ErrorAlert error={floor.error} />}
      {floor.isPending ? <Loading /> : floor.data && <Timeline floor={floor.data} onSelect={onSelect} />}
      <Legend />
      {floor.data && <WaitlistCard floor={floor.data} />}
    </Page>
  );
}

function Timeline({ floor, onSelect }: { floor: Schemas["StaffFloorOut"]; onSelect: (id: string) => void }) {
  const tz = floor.location.time_zone;
  const dayStart = new Date(floor.start).getTime();
  const span = new Date(floor.end).getTime() - dayStart;
  const now = new Date(floor.now).getTime();
  const pct = (iso: string) =>
    Math.min(100, Math.max(0, ((new Date(iso).getTime() - dayStart) / span) * 100));
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <section className="min-w-[1100px]" aria-label={`Bookings on ${floor.date}`}>
        <div className="flex border-b border-slate-200 text-xs text-slate-600">
          <div className="w-40 shrink-0 p-2 font-semibold">Bay</div>
          <div className="relative flex flex-1">
            {HOURS.map((h) => (
              <div key={h} className="flex-1 border-l border-slate-100 py-2 pl-1">
                {String(h).padStart(2, "0")}
              </div>
            ))}
          </div>
        </div>
        {floor.bays.map((bay) => {
          const bookings = floor.bookings.filter((b) => b.resource_id === bay.id);
          const blocked = floor.blackouts.filter(
            (x) => x.resource_id === bay.id || x.location_id === floor.location.id,
          );
          return (
            <div key={bay.id} className="flex border-b border-slate-100">
              <div className="w-40 shrink-0 p-2 text-sm">
                <span className="font-medium">{bay.name}</span>
                <span className="block text-xs text-slate-600">{bay.type}</span>
                {BAY_STATE[bay.status] && (
                  <span className="mt-1 inline-block rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">
                    {BAY_STATE[bay.status]}
                  </span>
                )}
              </div>
              <div
                className={`relative h-16 flex-1 ${bay.bookable ? "" : "bg-[repeating-linear-gradient(45deg,#fee2e2,#fee2e2_6px,#fff_6px,#fff_12px)]"}`}
              >
                {blocked.map((x) => (
                  <div
                    key={x.id}
                    className="absolute inset-y-0 bg-slate-200/70"
                    style={{ left: `${pct(x.start)}%`, width: `${pct(x.end) - pct(x.start)}%` }}
                    title={`Blackout: ${x.reason}`}
                  />
                ))}
                {now >= dayStart && now <= dayStart + span && (
                  <div
                    className="absolute inset-y-0 w-0.5 bg-red-600"
                    style={{ left: `${pct(floor.now)}%` }}
                    aria-hidden="true"
                  />
                )}
                {bookings.map((b) => (
                  <button
                    key={b.id}
                    type="button"
                    onClick={() => onSelect(b.id)}
                    className={`absolute inset-y-1 overflow-hidden rounded border-l-4 px-1 text-left text-xs ${STATUS_STYLE[b.status] ?? ""} ${b.status === "cancelled" ? "opacity-60" : ""}`}
                    style={{
                      left: `${pct(b.start)}%`,
                      width: `${Math.max(pct(b.end) - pct(b.start), 1.5)}%`,
                    }}
                    // Named by its text (a label would differ from what the narrow bar shows);
                    // the tooltip shows it whole.
                    title={`${b.member.name || b.member.email} ${clock(b.start, tz)}–${clock(b.end, tz)} · ${STATUS_LABEL[b.status] ?? b.status}`}
                  >
                    <span className="block truncate font-semibold">{b.member.name || b.member.email}</span>
                    <span className="block truncate">
                      {clock(b.start, tz)}–{clock(b.end, tz)} · {STATUS_LABEL[b.status] ?? b.status}
                    </span>
                  </button>
                ))}
              </div>
            </div>
          );
        })}
      </section>
    </div>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap gap-3 text-xs" aria-label="Legend">
      {Object.entries(STATUS_LABEL).map(([status, label]) => (
        <li key={status} className={`rounded border-l-4 px-2 py-1 ${STATUS_STYLE[status]}`}>
          {label}
        </li>
      ))}
      <li className="rounded bg-[repeating-linear-gradient(45deg,#fee2e2,#fee2e2_6px,#fff_6px,#fff_12px)] px-2 py-1">
        Bay not bookable
      </li>
      <li className="rounded bg-slate-200 px-2 py-1">Blackout</li>
    </ul>
  );
}
