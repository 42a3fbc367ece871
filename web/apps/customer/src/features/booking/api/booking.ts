import { type Schemas, unwrap } from "@booking/api-client";
import { type SlotChange, useApi } from "@booking/ui";
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

export const AVAILABILITY_KEY = ["availability"] as const;

/**
 * Free slots; never served from a cache while offline (a stale grid must not be booked).
 * `pollInterval`: the live feed's word (false while its socket is up, else poll).
 */
export function useAvailability(filter: AvailabilityFilter | null, pollInterval: number | false = false) {
  const api = useApi();
  return useQuery({
    queryKey: [...AVAILABILITY_KEY, filter],
    enabled: filter !== null,
    networkMode: "online",
    staleTime: 10_000,
    refetchInterval: pollInterval,
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

const HOLDS_THE_BAY = new Set(["confirmed", "checked_in", "held"]);

/**
 * The grid without the slots a live change has just taken (same bay, overlapping times), so
 * they leave the screen before the refetch that follows brings the server's own word.
 */
export function withoutTaken(slots: Slot[], change: SlotChange): Slot[] {
  const { slot } = change;
  if (!HOLDS_THE_BAY.has(slot.status)) return slots;
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  return slots.filter(
    (s) => s.resource_id !== slot.resource_id || Date.parse(s.end) <= start || Date.parse(s.start) >= end,
  );
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
