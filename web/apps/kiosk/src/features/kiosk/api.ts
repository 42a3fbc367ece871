// The kiosk's calls: its floor (bays free now), member sign-in with the app's one-time code,
// walk-in, check-in (which also re-shows a pass) and sign-out.
import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQuery } from "@tanstack/react-query";

export type Floor = Schemas["FloorOut"];
export type SignedIn = Schemas["SignInOut"];
export type WalkInResult = Schemas["WalkInOut"];
export type CheckInResult = Schemas["KioskCheckInOut"];
export type SignInBody = Schemas["booking__api__kiosk__SignInBody"];

export const FLOOR_KEY = ["kiosk", "floor"] as const;

/** Which bays a walk-in could take now (refetched on every live change, or by polling). */
export function useFloor(pollInterval: number | false) {
  const api = useApi();
  return useQuery({
    queryKey: FLOOR_KEY,
    queryFn: () => unwrap(api.GET("/kiosk/floor", { params: { query: { duration_minutes: 60 } } })),
    refetchInterval: pollInterval,
    staleTime: 0,
  });
}

export function useSignIn() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: SignInBody) => unwrap(api.POST("/kiosk/sign-in", { body })),
  });
}

export function useWalkIn() {
  const api = useApi();
  return useMutation({
    mutationFn: (args: { session: string; duration_minutes: number }) =>
      unwrap(
        api.POST("/kiosk/walk-in", {
          body: { ...args, qr: "svg", party_size: 1, resource_type: "simulator" },
        }),
      ),
  });
}

export function useCheckIn() {
  const api = useApi();
  return useMutation({
    mutationFn: (args: { session: string; booking_id: string }) =>
      unwrap(api.POST("/kiosk/check-in", { body: { ...args, qr: "svg" } })),
  });
}

export function useSignOut() {
  const api = useApi();
  return useMutation({
    mutationFn: (session: string) => unwrap(api.POST("/kiosk/sign-out", { body: { session } })),
  });
}
