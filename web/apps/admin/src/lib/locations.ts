// The clubs the signed-in person works at, and the one they are looking at.
import { type Schemas, unwrap } from "@booking/api-client";
import { decodeClaims, useApi, useSession } from "@booking/ui";
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { keys } from "./queryKeys";

export type Location = Schemas["LocationOut"];

/** Location ids the token names (staff); null means every club (admins, HQ wildcard). */
export function allowedLocations(token: string | undefined): string[] | null {
  if (!token) return [];
  const claims = decodeClaims(token);
  if (claims.role === "admin") return null;
  const raw = claims.locations;
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? raw.split(",") : [];
  return list.includes("*") ? null : list.filter(Boolean);
}

/** Every club this person may see, with its bays (the API enforces the same scope). */
export function useLocations() {
  const api = useApi();
  const session = useSession();
  return useQuery({
    queryKey: [...keys.locations, session?.email ?? ""],
    queryFn: async () => {
      const data = await unwrap(api.GET("/locations", { params: { query: { limit: 200 } } }));
      const allowed = allowedLocations(session?.token);
      return data.locations.filter((l) => allowed === null || allowed.includes(l.id));
    },
    staleTime: 60_000,
  });
}

export interface LocationChoice {
  locationId: string;
  setLocationId: (id: string) => void;
  locations: Location[];
}

export const LocationContext = createContext<LocationChoice | null>(null);

/** The club picked in the header (inside the LocationContext provider). */
export function useLocationChoice(): LocationChoice {
  const value = useContext(LocationContext);
  if (!value) throw new Error("useLocationChoice outside LocationContext");
  return value;
}

/** The picked club. */
export function useCurrentLocation(): Location | undefined {
  const { locationId, locations } = useLocationChoice();
  return locations.find((l) => l.id === locationId);
}
