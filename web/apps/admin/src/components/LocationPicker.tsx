import { useLocationChoice } from "../lib/locations";
import { SelectField } from "./Page";

/** The club the dashboard is showing (only the clubs this person works at). */
export function LocationPicker() {
  const { locationId, setLocationId, locations } = useLocationChoice();
  if (locations.length === 0) return null;
  return (
    <SelectField
      label="Club"
      inline
      value={locationId}
      onChange={setLocationId}
      options={locations.map((l) => ({ value: l.id, label: l.name }))}
    />
  );
}
