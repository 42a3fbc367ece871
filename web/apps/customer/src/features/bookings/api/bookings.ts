import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export type Booking = Schemas["BookingOut"];

export function useMyBookings() {
  const api = useApi();
  return useQuery({
    queryKey: ["bookings"],
    meta: { offline: true },
    queryFn: async () =>
      (await unwrap(api.GET("/bookings", { params: { query: { include_past: true } } }))).bookings,
  });
}

export function useBooking(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ["bookings", id],
    meta: { offline: true },
    queryFn: () => unwrap(api.GET("/bookings/{booking_id}", { params: { path: { booking_id: id } } })),
  });
}

export function useRefundPreview(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ["refund-preview", id],
    enabled,
    staleTime: 0,
    queryFn: () =>
      unwrap(api.GET("/bookings/{booking_id}/cancel-preview", { params: { path: { booking_id: id } } })),
  });
}

export function useCancelBooking(id: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/bookings/{booking_id}/cancel", {
          params: { path: { booking_id: id } },
          body: { reason: "cancelled in the app", full_refund: false },
        }),
      ),
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: ["bookings"] });
      void queries.invalidateQueries({ queryKey: ["credits"] });
    },
  });
}

export function useReschedule(id: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (change: { start: string; end: string; version: number }) =>
      unwrap(
        api.PATCH("/bookings/{booking_id}", {
          params: { path: { booking_id: id } },
          body: { start: change.start, end: change.end, expected_version: change.version },
        }),
      ),
    onSettled: () => void queries.invalidateQueries({ queryKey: ["bookings"] }),
  });
}

/** Extend from the bay: add minutes to the end (from 15 minutes before it until it ends). */
export function useExtend(id: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (minutes: number) =>
      unwrap(
        api.POST("/bookings/{booking_id}/extend", {
          params: { path: { booking_id: id } },
          body: { minutes },
        }),
      ),
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: ["bookings"] });
      void queries.invalidateQueries({ queryKey: ["credits"] });
      void queries.invalidateQueries({ queryKey: ["pass", id] });
    },
  });
}
