import type { Schemas } from "@booking/api-client";
import { unwrap } from "@booking/api-client";
import { Button, ErrorAlert, useApi } from "@booking/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card } from "../../../components/Page";
import { clock } from "../../../lib/format";
import { keys } from "../../../lib/queryKeys";

type Waiting = Schemas["FloorWaitingOut"];

/** Take a member off the waitlist (a standing hold goes to the next in line). */
function useRemoveFromWaitlist() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) =>
      unwrap(api.POST("/waitlist/{entry_id}/leave", { params: { path: { entry_id: entryId } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: keys.floorAll }),
  });
}

/** Who waits for a time this day, first in line first, and which bay is held for whom. */
export function WaitlistCard({ floor }: { floor: Schemas["StaffFloorOut"] }) {
  const remove = useRemoveFromWaitlist();
  const waiting = floor.waitlist ?? [];
  const tz = floor.location.time_zone;
  const bays = new Map(floor.bays.map((b) => [b.id, b.name]));
  const what = (w: Waiting) =>
    w.resource_id
      ? (bays.get(w.resource_id) ?? "one bay")
      : w.resource_type
        ? `any ${w.resource_type}`
        : "any bay";
  const times = (w: Waiting) => {
    const latest = Date.parse(w.end) - w.minutes * 60_000;
    // A window no longer than the game starts at one time; a wider one, anywhere up to its latest.
    return latest <= Date.parse(w.start)
      ? clock(w.start, tz)
      : `${clock(w.start, tz)}–${clock(new Date(latest).toISOString(), tz)}`;
  };
  return (
    <Card title={`Waitlist (${waiting.length})`}>
      {waiting.length === 0 ? (
        <p className="text-sm text-slate-600">Nobody is waiting for a time this day.</p>
      ) : (
        <ol aria-label="Waitlist" className="divide-y divide-slate-100">
          {waiting.map((w, i) => (
            <li key={w.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="w-8 font-semibold tabular-nums">#{i + 1}</span>
              <span className="min-w-0 flex-1">
                <span className="block font-medium">{w.member.name || w.member.email}</span>
                <span className="block text-slate-600">
                  starting {times(w)}, {w.minutes} min, {what(w)}
                </span>
              </span>
              <span
                className={`rounded border-l-4 px-2 py-1 text-xs font-semibold ${
                  w.status === "offered"
                    ? "border-dashed border-orange-600 bg-orange-50 text-orange-950"
                    : "border-slate-400 bg-slate-50 text-slate-800"
                }`}
              >
                {w.status === "offered" && w.hold_expires_at
                  ? `${bays.get(w.hold_resource_id ?? "") ?? "A bay"} held until ${clock(w.hold_expires_at, tz)}`
                  : "Waiting"}
              </span>
              <Button
                variant="ghost"
                busy={remove.isPending && remove.variables === w.id}
                onClick={() => remove.mutate(w.id)}
                aria-label={`Remove ${w.member.name || w.member.email} from the waitlist`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ol>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
    </Card>
  );
}
