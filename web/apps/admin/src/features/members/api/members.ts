// Members: search, profile with figures, bookings, the credit ledger, grants and adjustments.
import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

/** Members by name, e-mail or phone fragment, page after page. */
export function useMembers(q: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys.members(q),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/members", { params: { query: { q: q || undefined, cursor: pageParam, limit: 20 } } })),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** One member's profile and figures. */
export function useMember(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.member(id),
    queryFn: () => unwrap(api.GET("/members/{user_id}", { params: { path: { user_id: id } } })),
  });
}

/** The member's bookings at this person's clubs. */
export function useMemberBookings(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.memberBookings(id),
    queryFn: () =>
      unwrap(
        api.GET("/members/{user_id}/bookings", { params: { path: { user_id: id }, query: { limit: 20 } } }),
      ),
  });
}

/** The member's ledger, newest first, page after page. */
export function useLedger(id: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys.ledger(id),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/members/{user_id}/ledger", {
          params: { path: { user_id: id }, query: { cursor: pageParam, limit: 20 } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Grant or adjust credits, saying why. */
export function useChangeCredits(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["CreditChangeBody"]) =>
      unwrap(api.POST("/members/{user_id}/credits", { params: { path: { user_id: id } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.member(id).slice(0, 2) }),
  });
}
