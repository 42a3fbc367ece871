// The floor of a day: bays and bookings, refetched on every live change of the club's day (and
// polled while the live feed is down).
import { unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

/** A backstop while live: a missed message is corrected within a minute. */
export const FLOOR_BACKSTOP_MS = 60_000;

/** A club's local day; ``pollInterval`` comes from the live feed (false while it is live). */
export function useFloor(locationId: string | undefined, day: string, pollInterval: number | false) {
  const api = useApi();
  return useQuery({
    queryKey: keys.floor(locationId ?? "", day),
    enabled: locationId !== undefined,
    queryFn: () =>
      unwrap(api.GET("/staff/floor", { params: { query: { location_id: locationId ?? "", date: day } } })),
    refetchInterval: pollInterval === false ? FLOOR_BACKSTOP_MS : pollInterval,
  });
}
