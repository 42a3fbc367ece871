import type { Schemas } from "@booking/api-client";
import { Alert, Button, ErrorAlert, TextField, useSession } from "@booking/ui";
import { useState } from "react";
import { Card, Page } from "../../../components/Page";
import { addDays, dayAndClock, localToIso, todayIn } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { useBlackoutChanges, useBlackouts, useUpdateBay, useUpdateLocation } from "../api/catalog";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Bays (status, buffer, type), opening hours and refund policy, blackouts on a calendar. */
export function CatalogPage() {
  const location = useCurrentLocation();
  if (!location) return null;
  return (
    <Page title={`${location.name}: bays and settings`}>
      <Bays bays={location.resources ?? []} />
      <Blackouts locationId={location.id} timeZone={location.time_zone} />
      <Settings key={location.id} location={location} />
    </Page>
  );
}

function Bays({ bays }: { bays: Schemas["ResourceOut"][] }) {
  const update = useUpdateBay();
  return (
    <Card title="Bays">
      {update.isError && <ErrorAlert error={update.error} />}
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            <th className="py-1">Bay</th>
            <th>Status</th>
            <th>Turnover buffer (min)</th>
            <th>Type</th>
          </tr>
        </thead>
        <tbody>
          {bays.map((bay) => (
            <tr key={bay.id} className="border-b border-slate-100">
              <td className="py-1 font-medium">{bay.name}</td>
              <td>
                <select
                  aria-label={`${bay.name} status`}
                  value={bay.status}
                  onChange={(e) =>
                    update.mutate({
                      id: bay.id,
                      body: { status: e.target.value as "active" | "maintenance" | "unhealthy" },
                    })
                  }
                  className="min-h-9 rounded border border-slate-400 px-2"
                >
                  <option value="active">In service</option>
                  <option value="maintenance">Out of service</option>
                  <option value="unhealthy">PC unhealthy</option>
                </select>
              </td>
              <td>
                <input
                  aria-label={`${bay.name} buffer minutes`}
                  type="number"
                  min={0}
                  max={240}
                  step={5}
                  defaultValue={bay.buffer_minutes}
                  onBlur={(e) =>
                    update.mutate({ id: bay.id, body: { buffer_minutes: Number(e.target.value) } })
                  }
                  className="min-h-9 w-20 rounded border border-slate-400 px-2"
                />
              </td>
              <td>
                <input
                  aria-label={`${bay.name} type`}
                  defaultValue={bay.type}
                  onBlur={(e) =>
                    e.target.value !== bay.type &&
                    update.mutate({ id: bay.id, body: { type: e.target.value } })
                  }
                  className="min-h-9 w-32 rounded border border-slate-400 px-2"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function Blackouts({ locationId, timeZone }: { locationId: string; timeZone: string }) {
  const blackouts = useBlackouts(locationId);
  const { add, remove } = useBlackoutChanges(locationId);
  const today = todayIn(timeZone);
  const [day, setDay] = useState(today);
  const [fromTime, setFromTime] = useState("08:00");
  const [toTime, setToTime] = useState("12:00");
  const [reason, setReason] = useState("");
  const days = Array.from({ length: 14 }, (_, i) => addDays(today, i));
  const list = blackouts.data ?? [];
  const onDay = (d: string) =>
    list.filter((b) => todayIn(timeZone, new Date(b.start)) <= d && d <= todayIn(timeZone, new Date(b.end)));
  return (
    <Card title="Blackouts">
      <ol className="mb-3 grid grid-cols-7 gap-1 text-center text-xs" aria-label="Next 14 days">
        {days.map((d) => (
          <li
            key={d}
            className={`rounded p-1 ${onDay(d).length ? "bg-slate-800 text-white" : "bg-slate-100"}`}
          >
            {d.slice(5)}
            {onDay(d).length > 0 && <span className="block">{onDay(d).length} blocked</span>}
          </li>
        ))}
      </ol>
      <ul className="mb-3 text-sm">
        {list.map((b) => (
          <li key={b.id} className="flex items-center justify-between border-b border-slate-100 py-1">
            <span>
              {dayAndClock(b.start, timeZone)} – {dayAndClock(b.end, timeZone)} · {b.reason || "no reason"}
            </span>
            <Button variant="ghost" onClick={() => remove.mutate(b.id)}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form
        className="grid gap-2 sm:grid-cols-5 sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({
            location_id: locationId,
            start: localToIso(day, fromTime, timeZone),
            end: localToIso(day, toTime, timeZone),
            reason,
          });
        }}
      >
        <TextField label="Day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        <TextField label="From" type="time" value={fromTime} onChange={(e) => setFromTime(e.target.value)} />
        <TextField label="To" type="time" value={toTime} onChange={(e) => setToTime(e.target.value)} />
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" busy={add.isPending}>
          Block
        </Button>
      </form>
      {add.isError && <ErrorAlert error={add.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
    </Card>
  );
}

function Settings({ location }: { location: Schemas["LocationOut"] }) {
  const session = useSession();
  const isAdmin = session?.role === "admin";
  const update = useUpdateLocation();
  const initial = location.opening_hours as Record<string, string[][]>;
  const [hours, setHours] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEEKDAYS.map((d) => [d, (initial[d] ?? []).map((iv) => iv.join("-")).join(", ")])),
  );
  const steps = (location.settings.cancellation_policy ?? []) as {
    hours_before: number;
    refund_percent: number;
  }[];
  const [policy, setPolicy] = useState(
    steps.map((s) => `${s.hours_before}h:${s.refund_percent}%`).join(", "),
  );
  return (
    <Card title={`Opening hours (${location.time_zone}) and refund policy`}>
      {!isAdmin && <Alert tone="info">Only admins change these.</Alert>}
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          const opening_hours = Object.fromEntries(
            WEEKDAYS.map((d) => [
              d,
              (hours[d] ?? "")
                .split(",")
                .map((x) => x.trim())
                .filter(Boolean)
                .map((x) => x.split("-").map((t) => t.trim())),
            ]),
          );
          const cancellation_policy = policy
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean)
            .map((x) => {
              const [h, p] = x.split(":");
              return {
                hours_before: Number.parseFloat(h ?? ""),
                refund_percent: Number.parseInt(p ?? "", 10),
              };
            });
          update.mutate({ id: location.id, body: { opening_hours, settings: { cancellation_policy } } });
        }}
      >
        <div className="grid gap-2 sm:grid-cols-4">
          {WEEKDAYS.map((d) => (
            <TextField
              key={d}
              label={d.toUpperCase()}
              hint="e.g. 06:00-02:00"
              value={hours[d] ?? ""}
              disabled={!isAdmin}
              onChange={(e) => setHours({ ...hours, [d]: e.target.value })}
            />
          ))}
        </div>
        <TextField
          label="Refund policy (notice:refund)"
          hint="e.g. 24h:100%, 2h:50%"
          value={policy}
          disabled={!isAdmin}
          onChange={(e) => setPolicy(e.target.value)}
        />
        {update.isError && <ErrorAlert error={update.error} />}
        {update.isSuccess && <Alert tone="success">Saved.</Alert>}
        {isAdmin && (
          <Button type="submit" busy={update.isPending}>
            Save settings
          </Button>
        )}
      </form>
    </Card>
  );
}
