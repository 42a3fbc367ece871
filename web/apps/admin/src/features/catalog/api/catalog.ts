// The club's settings: bays, opening hours and refund policy, blackouts.
import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

/** Edit a bay (status, buffer, type). */
export function useUpdateBay() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["ResourcePatchBody"] }) =>
      unwrap(api.PATCH("/resources/{resource_id}", { params: { path: { resource_id: id } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.locations }),
  });
}

/** Edit a club's opening hours or settings (admins). */
export function useUpdateLocation() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["LocationPatchBody"] }) =>
      unwrap(api.PATCH("/locations/{location_id}", { params: { path: { location_id: id } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.locations }),
  });
}

/** The club's blackouts. */
export function useBlackouts(locationId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: keys.blackouts(locationId ?? ""),
    enabled: locationId !== undefined,
    queryFn: async () => {
      const data = await unwrap(
        api.GET("/blackouts", { params: { query: { location_id: locationId, limit: 200 } } }),
      );
      // The list route documents its items loosely; they are the BlackoutOut shape.
      return data.blackouts as unknown as Schemas["BlackoutOut"][];
    },
  });
}

/** Add or remove a blackout. */
export function useBlackoutChanges(locationId: string | undefined) {
  const api = useApi();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: keys.blackouts(locationId ?? "") });
  const add = useMutation({
    mutationFn: (body: Schemas["BlackoutBody"]) => unwrap(api.POST("/blackouts", { body })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE("/blackouts/{blackout_id}", { params: { path: { blackout_id: id } } })),
    onSuccess: refresh,
  });
  return { add, remove };
}
