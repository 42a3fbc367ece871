import { Button, ErrorAlert, Loading, TextField } from "@booking/ui";
import { useState } from "react";
import { Card, Page, SelectField } from "../../../components/Page";
import { dayAndClock, localToIso, STATUS_LABEL, STATUS_STYLE, todayIn } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { type SearchParams, useBookingSearch } from "../api/bookings";
import { BookForMember } from "./BookForMember";

const STATUSES = ["", "confirmed", "checked_in", "no_show", "cancelled", "completed"] as const;

/** Find bookings by member or time; open one to act on it. */
export function BookingsPage({ onSelect }: { onSelect: (bookingId: string) => void }) {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const [form, setForm] = useState({ q: "", day: "", status: "" });
  const [params, setParams] = useState<SearchParams>({});
  const search = useBookingSearch({ ...params, location_id: location?.id }, location !== undefined);
  const hits = search.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title="Bookings" actions={<BookForMember />}>
      <Card>
        <form
          className="grid gap-3 sm:grid-cols-4 sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            const next: SearchParams = { q: form.q.trim() || undefined };
            if (form.day) {
              next.from = localToIso(form.day, "00:00", tz);
              next.to = localToIso(form.day, "23:59", tz);
            }
            if (form.status) next.status = form.status as SearchParams["status"];
            setParams(next);
          }}
        >
          <TextField
            label="Member name, e-mail or phone"
            value={form.q}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
          />
          <TextField
            label="Day"
            type="date"
            value={form.day}
            onChange={(e) => setForm({ ...form, day: e.target.value })}
          />
          <SelectField
            label="Status"
            value={form.status}
            onChange={(status) => setForm({ ...form, status })}
            options={STATUSES.map((s) => ({ value: s, label: s ? (STATUS_LABEL[s] ?? s) : "Any" }))}
          />
          <Button type="submit">Search</Button>
        </form>
        <p className="mt-2 text-xs text-slate-600">
          Today at this club is {todayIn(tz)}; times are the club's.
        </p>
      </Card>
      {search.isError && <ErrorAlert error={search.error} />}
      {search.isPending && location && <Loading />}
      <Card>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Bookings found</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th className="py-2">When</th>
              <th>Member</th>
              <th>Bay</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((b) => (
              <tr key={b.id} className="border-b border-slate-100">
                <td className="py-2">
                  <button
                    type="button"
                    className="text-left font-medium text-emerald-800 underline"
                    onClick={() => onSelect(b.id)}
                  >
                    {dayAndClock(b.start, tz)}
                  </button>
                </td>
                <td>
                  {b.member.name}
                  <span className="block text-xs text-slate-600">{b.member.email}</span>
                </td>
                <td>{b.resource_name}</td>
                <td>
                  <span
                    className={`rounded border px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[b.status] ?? ""}`}
                  >
                    {STATUS_LABEL[b.status] ?? b.status}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {hits.length === 0 && !search.isPending && (
          <p className="py-4 text-sm text-slate-600">No bookings match.</p>
        )}
        {search.hasNextPage && (
          <Button
            variant="secondary"
            className="mt-3"
            busy={search.isFetchingNextPage}
            onClick={() => void search.fetchNextPage()}
          >
            Load more
          </Button>
        )}
      </Card>
    </Page>
  );
}
