// The floor of a day: bays and bookings, refreshed every 15 s until live updates reach the app.
import { unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

export const FLOOR_POLL_MS = 15_000;

/** A club's local day. */
export function useFloor(locationId: string | undefined, day: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.floor(locationId ?? "", day),
    enabled: locationId !== undefined,
    queryFn: () =>
      unwrap(api.GET("/staff/floor", { params: { query: { location_id: locationId ?? "", date: day } } })),
    refetchInterval: FLOOR_POLL_MS,
  });
}
