// Operations: the platform's health (polled), dead letters and their replay.
import { unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

/** Everything the operations screen shows, every 30 s. */
export function useOperations(locationId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: keys.operations(locationId ?? ""),
    queryFn: () => unwrap(api.GET("/operations", { params: { query: { location_id: locationId } } })),
    refetchInterval: 30_000,
  });
}

/** A look at a consumer's dead letters. */
export function useDeadLetters(consumer: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.deadLetters(consumer ?? ""),
    enabled: consumer !== null,
    queryFn: () =>
      unwrap(
        api.GET("/operations/dead-letters/{consumer}", { params: { path: { consumer: consumer ?? "" } } }),
      ),
  });
}

/** Put a consumer's dead letters back on the bus. */
export function useReplay() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (consumer: string) =>
      unwrap(api.POST("/operations/dead-letters/{consumer}/replay", { params: { path: { consumer } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["operations"] }),
  });
}
