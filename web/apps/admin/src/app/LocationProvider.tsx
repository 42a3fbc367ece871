import { Alert, ErrorAlert, Loading } from "@booking/ui";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { LocationContext, useLocations } from "../lib/locations";

const KEY = "booking.admin.location";

/** Loads the clubs this person works at and remembers which one they are looking at. */
export function LocationProvider({ children }: { children: ReactNode }) {
  const locations = useLocations();
  const [picked, setPicked] = useState(() => localStorage.getItem(KEY) ?? "");
  const list = locations.data ?? [];
  const locationId = list.some((l) => l.id === picked) ? picked : (list[0]?.id ?? "");
  useEffect(() => {
    if (locationId) localStorage.setItem(KEY, locationId);
  }, [locationId]);
  const value = useMemo(
    () => ({ locationId, setLocationId: setPicked, locations: list }),
    [locationId, list],
  );
  if (locations.isPending) return <Loading />;
  if (locations.isError) return <ErrorAlert error={locations.error} />;
  if (list.length === 0) return <Alert tone="warning">Your account is not linked to any club yet.</Alert>;
  return <LocationContext.Provider value={value}>{children}</LocationContext.Provider>;
}
