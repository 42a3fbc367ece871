import { Alert, Button, ErrorAlert, Loading } from "@booking/ui";
import { useState } from "react";
import { Card, Page } from "../../../components/Page";
import { dayAndClock } from "../../../lib/format";
import { useCurrentLocation } from "../../../lib/locations";
import { useDeadLetters, useOperations, useReplay } from "../api/operations";

/** Is everything flowing? Outbox, dead letters, HubSpot, failed lifecycle steps, devices. */
export function OperationsPage() {
  const location = useCurrentLocation();
  const tz = location?.time_zone ?? "UTC";
  const ops = useOperations(location?.id);
  const replay = useReplay();
  const [peek, setPeek] = useState<string | null>(null);
  const letters = useDeadLetters(peek);
  if (ops.isPending) return <Loading />;
  if (ops.isError) return <ErrorAlert error={ops.error} />;
  const o = ops.data;
  return (
    <Page title="Operations">
      <div className="grid gap-4 md:grid-cols-3">
        {o.outbox && (
          <Card title="Event outbox">
            <p className="text-3xl font-bold">{o.outbox.pending}</p>
            <p className="text-sm text-slate-600">
              waiting · oldest {Math.round(o.outbox.oldest_pending_seconds)} s · {o.outbox.failing} failing
            </p>
            {o.outbox.last_published_at && (
              <p className="text-xs text-slate-600">
                Last published {dayAndClock(o.outbox.last_published_at, tz)}
              </p>
            )}
            {o.outbox.last_error && <p className="text-xs text-red-800">{o.outbox.last_error}</p>}
          </Card>
        )}
        {o.hubspot_sync && (
          <Card title="HubSpot sync">
            {o.hubspot_sync.last_run ? (
              <>
                <p
                  className={`text-xl font-bold ${o.hubspot_sync.last_run.outcome === "ok" ? "text-emerald-800" : "text-red-800"}`}
                >
                  {o.hubspot_sync.last_run.outcome === "ok" ? "OK" : "Failed"}
                </p>
                <p className="text-sm text-slate-600">
                  Last run {dayAndClock(String(o.hubspot_sync.last_run.at), tz)}
                </p>
                {typeof o.hubspot_sync.last_run.error === "string" && (
                  <p className="text-xs text-red-800">{o.hubspot_sync.last_run.error}</p>
                )}
              </>
            ) : (
              <p className="text-sm text-slate-600">No run recorded yet.</p>
            )}
          </Card>
        )}
        {o.dead_letters && (
          <Card title="Dead letters">
            {replay.isError && <ErrorAlert error={replay.error} />}
            {replay.isSuccess && (
              <Alert tone="success">
                Replayed {replay.data.replayed} from {replay.data.consumer}
                {replay.data.left ? `, ${replay.data.left} left` : ""}.
              </Alert>
            )}
            <ul className="space-y-2">
              {o.dead_letters.map((d) => (
                <li key={d.consumer} className="flex items-center justify-between gap-2 text-sm">
                  <button type="button" className="underline" onClick={() => setPeek(d.consumer)}>
                    {d.consumer}: {d.count}
                  </button>
                  <Button
                    variant="secondary"
                    disabled={d.count === 0}
                    busy={replay.isPending && replay.variables === d.consumer}
                    onClick={() => replay.mutate(d.consumer)}
                    aria-label={`Replay ${d.consumer} dead letters`}
                  >
                    Replay
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
      {peek && (
        <Card title={`Dead letters of ${peek}`}>
          {letters.isPending && <Loading />}
          {letters.isError && <ErrorAlert error={letters.error} />}
          <ul className="text-sm">
            {(letters.data?.messages ?? []).map((m) => (
              <li key={m.message_id} className="border-b border-slate-100 py-1">
                {m.detail_type ?? "unreadable"} · booking {m.booking_id ?? "—"} · tried {m.received_count}×
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title="Failed lifecycle steps">
        {o.failed_lifecycle.length === 0 ? (
          <p className="text-sm text-slate-600">None open.</p>
        ) : (
          <ul className="text-sm">
            {o.failed_lifecycle.map((f) => (
              <li key={f.id} className="border-b border-slate-100 py-1">
                {dayAndClock(f.at, tz)} · {f.state} · {f.error} · {f.resource_name ?? ""}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Devices">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-slate-600">
              <th className="py-1">Bay</th>
              <th>Club</th>
              <th>PC</th>
              <th>Health</th>
              <th>Last cleanup</th>
            </tr>
          </thead>
          <tbody>
            {o.devices.map((d) => (
              <tr key={d.id} className="border-b border-slate-100">
                <td className="py-1">{d.name}</td>
                <td>{d.location_name}</td>
                <td>{d.device_id ?? "—"}</td>
                <td className={d.healthy ? "text-emerald-800" : "font-semibold text-red-800"}>
                  {d.healthy ? (d.status === "maintenance" ? "Out of service" : "Healthy") : "Unhealthy"}
                </td>
                <td>{d.last_cleanup_at ? dayAndClock(d.last_cleanup_at, tz) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </Page>
  );
}
