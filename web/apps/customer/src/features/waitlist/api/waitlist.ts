import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export type WaitlistEntry = Schemas["WaitlistEntryOut"];
export type JoinRequest = Schemas["JoinWaitlistBody"];

export const WAITLIST_KEY = ["waitlist"] as const;

/** How often the member's waitlist is re-read while an entry is open (the live feed is faster). */
export const WAITLIST_POLL_MS = 15_000;

/** The member's entries; polled while any is waiting or offered, so an offer shows up anywhere. */
export function useWaitlist(pollInterval: number | false = WAITLIST_POLL_MS) {
  const api = useApi();
  return useQuery({
    queryKey: WAITLIST_KEY,
    networkMode: "online",
    queryFn: async () => (await unwrap(api.GET("/waitlist", {}))).items,
    refetchInterval: (query) =>
      query.state.data?.some((e) => e.status === "waiting" || e.status === "offered") ? pollInterval : false,
  });
}

export function useJoinWaitlist() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: JoinRequest) => unwrap(api.POST("/waitlist", { body })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: WAITLIST_KEY }),
  });
}

export function useAcceptOffer() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) =>
      unwrap(api.POST("/waitlist/{entry_id}/accept", { params: { path: { entry_id: entryId } } })),
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: WAITLIST_KEY });
      void queries.invalidateQueries({ queryKey: ["bookings"] });
      void queries.invalidateQueries({ queryKey: ["me"] });
    },
  });
}

export function useLeaveWaitlist() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) =>
      unwrap(api.POST("/waitlist/{entry_id}/leave", { params: { path: { entry_id: entryId } } })),
    onSettled: () => void queries.invalidateQueries({ queryKey: WAITLIST_KEY }),
  });
}
