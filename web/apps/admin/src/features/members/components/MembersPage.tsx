import type { Schemas } from "@booking/api-client";
import { Alert, Button, ErrorAlert, Loading, TextField } from "@booking/ui";
import { useState } from "react";
import { Card, Page, SelectField } from "../../../components/Page";
import { credits, dayAndClock, STATUS_LABEL } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { useChangeCredits, useLedger, useMember, useMemberBookings, useMembers } from "../api/members";

/** Find a member; see their profile, bookings, no-shows and credit ledger; grant or adjust. */
export function MembersPage() {
  const [q, setQ] = useState("");
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const members = useMembers(query);
  const items = members.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title="Members">
      <div className="grid gap-4 lg:grid-cols-[20rem_1fr]">
        <Card>
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              setQuery(q.trim());
            }}
          >
            <TextField
              label="Name, e-mail or phone"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              className="flex-1"
            />
            <Button type="submit">Find</Button>
          </form>
          {members.isError && <ErrorAlert error={members.error} />}
          <ul className="mt-3 divide-y divide-slate-100">
            {items.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  onClick={() => setSelected(m.id)}
                  className={`w-full px-2 py-2 text-left text-sm ${selected === m.id ? "bg-emerald-50" : "hover:bg-slate-50"}`}
                >
                  <span className="font-medium">{m.name || m.email}</span>
                  <span className="block text-xs text-slate-600">
                    {m.email} · {m.tier} · {credits(m.credits)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {members.hasNextPage && (
            <Button variant="secondary" onClick={() => void members.fetchNextPage()}>
              Load more
            </Button>
          )}
        </Card>
        {selected ? (
          <MemberDetail key={selected} id={selected} />
        ) : (
          <p className="text-sm text-slate-600">Pick a member.</p>
        )}
      </div>
    </Page>
  );
}

function MemberDetail({ id }: { id: string }) {
  const member = useMember(id);
  const bookings = useMemberBookings(id);
  const ledger = useLedger(id);
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  if (member.isPending) return <Loading />;
  if (member.isError) return <ErrorAlert error={member.error} />;
  const m = member.data;
  const rows = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-4">
      <Card title={m.name || m.email}>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600">E-mail</dt>
            <dd>{m.email}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Phone</dt>
            <dd>{m.phone ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Tier</dt>
            <dd>{m.tier}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Tags</dt>
            <dd>{m.tags.length ? m.tags.join(", ") : "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Credits</dt>
            <dd className="text-lg font-bold" data-testid="member-credits">
              {m.credits}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Bookings</dt>
            <dd>{m.figures.bookings}</dd>
          </div>
          <div>
            <dt className="text-slate-600">No-shows</dt>
            <dd>{m.figures.no_shows}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Cancelled</dt>
            <dd>{m.figures.cancelled}</dd>
          </div>
        </dl>
      </Card>
      <CreditForm id={id} />
      <Card title="Credit ledger">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th className="py-1">When</th>
              <th>Change</th>
              <th>Balance</th>
              <th>What</th>
              <th>Who · why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100">
                <td className="py-1">{dayAndClock(r.created_at, tz)}</td>
                <td className={r.delta < 0 ? "text-red-800" : "text-emerald-800"}>
                  {r.delta > 0 ? `+${r.delta}` : r.delta}
                </td>
                <td>{r.balance_after}</td>
                <td>{r.reason.replace(/_/g, " ")}</td>
                <td>
                  {r.actor ?? ""}
                  {r.note ? ` · ${r.note}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {ledger.hasNextPage && (
          <Button variant="secondary" onClick={() => void ledger.fetchNextPage()}>
            Older rows
          </Button>
        )}
      </Card>
      <Card title="Bookings at your clubs">
        <ul className="text-sm">
          {(bookings.data?.items ?? []).map((b) => (
            <li key={b.id} className="border-b border-slate-100 py-1">
              {dayAndClock(b.start, tz)} · {STATUS_LABEL[b.status] ?? b.status} · {credits(b.credit_cost)}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function CreditForm({ id }: { id: string }) {
  const change = useChangeCredits(id);
  const [kind, setKind] = useState<"grant" | "adjustment">("grant");
  const [delta, setDelta] = useState("1");
  const [reason, setReason] = useState("");
  return (
    <Card title="Grant or adjust credits">
      <form
        className="grid gap-3 sm:grid-cols-4 sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate({ kind, delta: Number(delta), reason }, { onSuccess: () => setReason("") });
        }}
      >
        <SelectField
          label="Kind"
          value={kind}
          onChange={(v) => setKind(v as "grant" | "adjustment")}
          options={[
            { value: "grant", label: "Grant" },
            { value: "adjustment", label: "Adjustment (±)" },
          ]}
        />
        <TextField label="Credits" type="number" value={delta} onChange={(e) => setDelta(e.target.value)} />
        <TextField label="Why" required value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" busy={change.isPending}>
          Record
        </Button>
      </form>
      {change.isError && <ErrorAlert error={change.error} />}
      {change.isSuccess && (
        <Alert tone="success">
          Recorded. Balance now {(change.data as Schemas["CreditChangeOut"]).balance}.
        </Alert>
      )}
    </Card>
  );
}
