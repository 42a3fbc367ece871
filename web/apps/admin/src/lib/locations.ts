// The locations the signed-in person works at, and the one they are looking at.
import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { keys } from "./queryKeys";

export type Location = Schemas["LocationOut"] & { resources?: Schemas["ResourceOut"][] };

/** Every location with its bays (staff only act on their own; the API enforces it). */
export function useLocations() {
  const api = useApi();
  return useQuery({
    queryKey: keys.locations,
    queryFn: async () => {
      const data = (await unwrap(api.GET("/locations"))) as unknown as { locations: Location[] };
      return data.locations;
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

/** The location picked in the header (inside LocationProvider). */
export function useLocationChoice(): LocationChoice {
  const value = useContext(LocationContext);
  if (!value) throw new Error("useLocationChoice outside LocationContext");
  return value;
}

/** The picked location, once loaded. */
export function useCurrentLocation(): Location | undefined {
  const { locationId, locations } = useLocationChoice();
  return locations.find((l) => l.id === locationId);
}
