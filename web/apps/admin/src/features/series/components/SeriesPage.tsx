import { Alert, Button, ErrorAlert, TextField } from "@booking/ui";
import { useMemo, useState } from "react";
import { MemberPicker, type PickedMember } from "../../../components/MemberPicker";
import { Card, Page } from "../../../components/Page";
import { addDays, dayAndClock, todayIn } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import {
  type Occurrence,
  type SeriesRequest,
  useBookSeries,
  useCancelSeries,
  usePlanSeries,
} from "../api/series";

const CONFLICTS: Record<string, string> = {
  SLOT_TAKEN: "already booked",
  BLACKED_OUT: "closed (blackout)",
  OUTSIDE_OPENING_HOURS: "club closed",
  START_IN_PAST: "in the past",
};

/** A league series: the same bays at the same local time every week, planned then booked. */
export function SeriesPage() {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const bays = (location?.resources ?? []).filter((r) => r.type === "simulator");
  const [member, setMember] = useState<PickedMember | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [firstDay, setFirstDay] = useState(addDays(todayIn(tz), 7));
  const [time, setTime] = useState("19:00");
  const [hours, setHours] = useState("2");
  const [weeks, setWeeks] = useState("10");
  const [skip, setSkip] = useState<string[]>([]);
  const plan = usePlanSeries();
  const book = useBookSeries();
  const cancel = useCancelSeries();

  const request: SeriesRequest | null = member
    ? {
        user_id: member.id,
        resource_ids: picked,
        first_day: firstDay,
        start_time: time,
        duration_minutes: Math.round(Number(hours) * 60),
        weeks: Number(weeks),
        skip,
      }
    : null;
  const occurrences: Occurrence[] = plan.data?.occurrences ?? [];
  const unconfirmed = useMemo(
    () => occurrences.filter((o) => o.conflict && !skip.includes(o.key)),
    [occurrences, skip],
  );
  const bayName = (id: string) => bays.find((b) => b.id === id)?.name ?? "Bay";

  function toggle<T>(list: T[], item: T): T[] {
    return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  }

  return (
    <Page title="League series">
      <Card title="The series">
        <div className="grid gap-3 md:grid-cols-2">
          <MemberPicker picked={member} onPick={setMember} />
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Bays</legend>
            {bays.map((b) => (
              <label key={b.id} className="mr-4 inline-flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={picked.includes(b.id)}
                  onChange={() => {
                    setPicked(toggle(picked, b.id));
                    plan.reset();
                  }}
                />
                {b.name}
              </label>
            ))}
          </fieldset>
          <div className="grid grid-cols-4 gap-2 md:col-span-2">
            <TextField
              label="First day"
              type="date"
              value={firstDay}
              onChange={(e) => setFirstDay(e.target.value)}
            />
            <TextField
              label="Start"
              type="time"
              step={1800}
              value={time}
              onChange={(e) => setTime(e.target.value)}
            />
            <TextField
              label="Hours"
              type="number"
              min={0.5}
              max={12}
              step={0.5}
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
            <TextField
              label="Weeks"
              type="number"
              min={1}
              max={26}
              value={weeks}
              onChange={(e) => setWeeks(e.target.value)}
            />
          </div>
        </div>
        <p className="mt-2 text-sm text-slate-600">
          Times are the club's ({tz}); 19:00 stays 19:00 across a clock change.
        </p>
        <div className="mt-3 flex gap-2">
          <Button
            disabled={!request || picked.length === 0}
            busy={plan.isPending}
            onClick={() => {
              if (!request) return;
              setSkip([]);
              book.reset();
              plan.mutate({ ...request, skip: [] });
            }}
          >
            Check the series
          </Button>
        </div>
      </Card>
      {plan.isError && <ErrorAlert error={plan.error} />}
      {plan.data && (
        <Card title={`${occurrences.length} occurrences, ${plan.data.conflicts} in conflict`}>
          <table className="w-full text-sm">
            <caption className="sr-only">Occurrences of the series</caption>
            <thead>
              <tr className="text-left text-slate-600">
                <th className="py-1">When</th>
                <th>Bay</th>
                <th>Credits</th>
                <th>Conflict</th>
                <th>Leave out</th>
              </tr>
            </thead>
            <tbody>
              {occurrences.map((o) => (
                <tr key={o.key} className={o.conflict ? "bg-amber-50" : ""}>
                  <td className="py-1">{dayAndClock(o.start, tz)}</td>
                  <td>{bayName(o.resource_id)}</td>
                  <td>{o.credit_cost}</td>
                  <td>{o.conflict ? (CONFLICTS[o.conflict] ?? o.conflict) : "free"}</td>
                  <td>
                    {o.conflict && (
                      <input
                        type="checkbox"
                        aria-label={`Leave out ${dayAndClock(o.start, tz)} on ${bayName(o.resource_id)}`}
                        checked={skip.includes(o.key)}
                        onChange={() => setSkip(toggle(skip, o.key))}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {unconfirmed.length > 0 && (
            <Alert tone="warning">
              Leave out the {unconfirmed.length === 1 ? "occurrence" : `${unconfirmed.length} occurrences`} in
              conflict, or change the series, to book it.
            </Alert>
          )}
          <div className="mt-3 flex gap-2">
            <Button
              disabled={!request || unconfirmed.length > 0}
              busy={book.isPending}
              onClick={() => request && book.mutate({ ...request, skip })}
            >
              Book the series
            </Button>
          </div>
        </Card>
      )}
      {book.isError && <ErrorAlert error={book.error} title="The series was not booked" />}
      {book.data && (
        <Alert tone="success" title="Series booked">
          {book.data.bookings.length} bookings (series {book.data.series_id.slice(0, 8)}).{" "}
          <Button
            variant="secondary"
            busy={cancel.isPending}
            onClick={() => cancel.mutate(book.data.series_id)}
          >
            Cancel the rest of the series
          </Button>
        </Alert>
      )}
      {cancel.data && (
        <Alert tone="success">Cancelled {cancel.data.bookings.length} upcoming occurrences.</Alert>
      )}
      {cancel.isError && <ErrorAlert error={cancel.error} />}
    </Page>
  );
}
