import { Button, ErrorAlert, Loading, TextField } from "@booking/ui";
import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Card, Page } from "../../../components/Page";
import { addDays, percent, todayIn } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { type CsvPart, useCsvDownload, useReport } from "../api/reports";

const PARTS: CsvPart[] = ["summary", "by_source", "per_day", "utilisation", "heatmap"];

/** The business KPIs: self-service, no-shows, cancellations, utilisation, bookings per day. */
export function ReportsPage() {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const [from, setFrom] = useState(() => addDays(todayIn(tz), -29));
  const [to, setTo] = useState(() => todayIn(tz));
  const report = useReport(from, to, location?.id);
  const download = useCsvDownload();
  const [csvError, setCsvError] = useState<unknown>(null);
  return (
    <Page title="Reports">
      <Card>
        <div className="flex flex-wrap items-end gap-3">
          <TextField label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          <div className="flex flex-wrap gap-1">
            {PARTS.map((part) => (
              <Button
                key={part}
                variant="secondary"
                disabled={!location}
                onClick={() => download(part, from, to, location?.id ?? "").catch(setCsvError)}
              >
                CSV: {part.replace("_", " ")}
              </Button>
            ))}
          </div>
        </div>
      </Card>
      {csvError !== null && <ErrorAlert error={csvError} />}
      {report.isError && <ErrorAlert error={report.error} />}
      {report.isPending && location && <Loading />}
      {report.data && <ReportView data={report.data} />}
    </Page>
  );
}

type Report = NonNullable<ReturnType<typeof useReport>["data"]>;

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Card>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="text-2xl font-bold" data-kpi={label}>
        {value}
      </p>
      {note && <p className="text-xs text-slate-600">{note}</p>}
    </Card>
  );
}

function ReportView({ data }: { data: Report }) {
  const s = data.summary;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Kpi label="Bookings" value={String(s.bookings)} />
        <Kpi
          label="Self-service rate"
          value={percent(s.self_service_rate)}
          note={`${s.self_service} not made by staff`}
        />
        <Kpi
          label="No-show rate"
          value={percent(s.no_show_rate)}
          note={`${s.no_shows} of ${s.came_due} due`}
        />
        <Kpi label="Cancellations" value={String(s.cancellations)} note={percent(s.cancellation_rate)} />
        <Kpi
          label="Late cancellations"
          value={String(s.late_cancellations)}
          note="inside the full-refund notice"
        />
        <Kpi
          label="Utilisation"
          value={percent(
            data.utilisation.reduce((a, u) => a + u.booked_minutes, 0) /
              Math.max(
                1,
                data.utilisation.reduce((a, u) => a + u.open_minutes, 0),
              ),
          )}
          note="booked ÷ open hours, all bays"
        />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Bookings per day">
          <div className="h-64">
            <ResponsiveContainer>
              <LineChart data={data.per_day}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Line type="linear" dataKey="bookings" stroke="#047857" name="Bookings" />
                <Line type="linear" dataKey="cancelled" stroke="#64748b" name="Cancelled" />
                <Line type="linear" dataKey="no_shows" stroke="#b45309" name="No-shows" />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Card>
        <Card title="Bookings by source">
          <div className="h-64">
            <ResponsiveContainer>
              <BarChart data={data.by_source}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="source" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="bookings" fill="#0369a1" name="Bookings" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Card>
        <Card title="Utilisation per bay">
          <div className="h-64">
            <ResponsiveContainer>
              <BarChart
                data={data.utilisation.map((u) => ({ ...u, percent: Math.round(u.utilisation * 1000) / 10 }))}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="resource_name" />
                <YAxis unit="%" />
                <Tooltip />
                <Bar dataKey="percent" fill="#047857" name="Utilisation %" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Card>
        <Card title="Busy hours (share of each hour booked)">
          <Heatmap rows={data.heatmap} />
        </Card>
      </div>
    </div>
  );
}

function Heatmap({ rows }: { rows: Report["heatmap"] }) {
  return (
    <div className="overflow-x-auto">
      <table className="text-xs">
        <thead>
          <tr>
            <th className="pr-2 text-left">Bay</th>
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} className="w-6 font-normal text-slate-600">
                {h % 3 === 0 ? String(h).padStart(2, "0") : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.resource_id}>
              <th className="pr-2 text-left font-medium">{row.resource_name}</th>
              {row.hours.map((v, h) => (
                <td
                  key={`${row.resource_id}-${String(h)}`}
                  title={`${String(h).padStart(2, "0")}:00 · ${percent(v)}`}
                  className="h-6 w-6 border border-white"
                  style={{ backgroundColor: `rgba(4, 120, 87, ${Math.min(1, v).toFixed(2)})` }}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
