import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export type Location = Schemas["LocationOut"];
export type Slot = Schemas["SlotOut"];
export type Booking = Schemas["BookingOut"];

export function useLocations() {
  const api = useApi();
  return useQuery({
    queryKey: ["locations"],
    meta: { offline: true },
    queryFn: async () => (await unwrap(api.GET("/locations", {}))).locations,
    staleTime: 5 * 60_000,
  });
}

export interface AvailabilityFilter {
  locationId: string;
  date: string;
  duration: number;
}

/** Free slots; never served from a cache while offline (a stale grid must not be booked). */
export function useAvailability(filter: AvailabilityFilter | null) {
  const api = useApi();
  return useQuery({
    queryKey: ["availability", filter],
    enabled: filter !== null,
    networkMode: "online",
    staleTime: 10_000,
    queryFn: async () => {
      if (!filter) throw new Error("no filter");
      const found = await unwrap(
        api.GET("/availability", {
          params: {
            query: {
              location_id: filter.locationId,
              date: filter.date,
              duration_minutes: filter.duration,
            },
          },
        }),
      );
      return found.slots;
    },
  });
}

export interface BookRequest {
  slot: Slot;
  partySize: number;
  /** One key per intended booking: a double tap or a retry makes one booking. */
  idempotencyKey: string;
}

export function useCreateBooking() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async ({ slot, partySize, idempotencyKey }: BookRequest) =>
      unwrap(
        api.POST("/bookings", {
          params: { header: { "idempotency-key": idempotencyKey } },
          body: {
            resource_id: slot.resource_id,
            start: slot.start,
            end: slot.end,
            party_size: partySize,
          },
        }),
      ),
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: ["availability"] });
      void queries.invalidateQueries({ queryKey: ["bookings"] });
      void queries.invalidateQueries({ queryKey: ["me"] });
    },
  });
}
