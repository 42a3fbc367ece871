// Booking search, a booking's timeline, and staff actions on bookings.
import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

export type BookingHit = Schemas["BookingHitOut"];
export type TimelineEntry = Schemas["TimelineEntryOut"];

export interface SearchParams {
  q?: string;
  from?: string;
  to?: string;
  status?: Schemas["BookingStatus"];
  location_id?: string;
}

/** Bookings matching the search, page after page (cursor). */
export function useBookingSearch(params: SearchParams, enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys.search({ ...params }),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/staff/bookings", {
          params: { query: { ...params, q: params.q || undefined, cursor: pageParam, limit: 25 } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** A booking's life as recorded. */
export function useTimeline(bookingId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: keys.timeline(bookingId ?? ""),
    enabled: bookingId !== null,
    queryFn: () =>
      unwrap(
        api.GET("/bookings/{booking_id}/timeline", { params: { path: { booking_id: bookingId ?? "" } } }),
      ),
  });
}

function useRefreshBookings() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.bookingsAll });
    void client.invalidateQueries({ queryKey: keys.floorAll });
    void client.invalidateQueries({ queryKey: ["members"] });
  };
}

type HitPages = InfiniteData<Schemas["BookingHitPage"]>;

/** Move a booking to another time and/or bay. */
export function useMoveBooking(bookingId: string) {
  const api = useApi();
  const client = useQueryClient();
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: (body: Schemas["ModifyBookingBody"]) =>
      unwrap(api.PATCH("/bookings/{booking_id}", { params: { path: { booking_id: bookingId } }, body })),
    onSuccess: (moved) => {
      // The search rows show the new time at once; the refetch then brings the bay's new name.
      const { start, end, resource_id, version, status } = moved;
      client.setQueriesData<HitPages>({ queryKey: ["bookings", "search"] }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((hit) =>
                  hit.id === moved.id ? { ...hit, start, end, resource_id, version, status } : hit,
                ),
              })),
            }
          : data,
      );
      refresh();
    },
  });
}

/** Cancel, optionally overriding the refund (with a reason). */
export function useCancelBooking(bookingId: string) {
  const api = useApi();
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: (body: Schemas["CancelBody"]) =>
      unwrap(
        api.POST("/bookings/{booking_id}/cancel", { params: { path: { booking_id: bookingId } }, body }),
      ),
    onSuccess: refresh,
  });
}

/** Check the member in at the desk. */
export function useCheckIn(bookingId: string) {
  const api = useApi();
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/bookings/{booking_id}/check-in", { params: { path: { booking_id: bookingId } } })),
    onSuccess: refresh,
  });
}

/** Book a bay for a member. */
export function useBookForMember() {
  const api = useApi();
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: (body: Schemas["CreateBookingBody"]) =>
      unwrap(api.POST("/bookings", { body, headers: { "Idempotency-Key": crypto.randomUUID() } })),
    onSuccess: refresh,
  });
}

/** Members matching a name, e-mail or phone fragment (for booking on their behalf). */
export function useMemberLookup(q: string) {
  const api = useApi();
  return useQuery({
    queryKey: ["members", "lookup", q],
    enabled: q.trim().length >= 2,
    queryFn: () => unwrap(api.GET("/members", { params: { query: { q, limit: 8 } } })),
  });
}
