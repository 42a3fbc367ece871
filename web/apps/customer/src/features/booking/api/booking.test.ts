import type { SlotChange } from "@booking/ui";
import { expect, test } from "vitest";
import { type Slot, withoutTaken } from "./booking";

const bay1 = "11111111-1111-1111-1111-111111111111";
const bay2 = "22222222-2222-2222-2222-222222222222";

function slot(resource_id: string, start: string, end: string): Slot {
  return { resource_id, resource_name: resource_id === bay1 ? "Bay 1" : "Bay 2", start, end };
}

function change(status: string, start: string, end: string): SlotChange {
  return {
    type: "slots.changed",
    event: "booking.created",
    location_id: "33333333-3333-3333-3333-333333333333",
    days: ["2026-12-01"],
    slot: { resource_id: bay1, start, end, status },
    previous: null,
  };
}

const grid = [
  slot(bay1, "2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z"),
  slot(bay1, "2026-12-01T14:30:00Z", "2026-12-01T15:30:00Z"),
  slot(bay1, "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"),
  slot(bay2, "2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z"),
];

test("a booking takes every overlapping slot of its bay off the grid, and nothing else", () => {
  const left = withoutTaken(grid, change("confirmed", "2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z"));
  expect(left).toEqual([grid[2], grid[3]]);
  // Offsets other than UTC's name the same instants.
  const same = withoutTaken(
    grid,
    change("checked_in", "2026-12-01T09:00:00-05:00", "2026-12-01T10:00:00-05:00"),
  );
  expect(same).toEqual([grid[2], grid[3]]);
});

test("a cancellation takes nothing off (the refetch brings the freed slot back)", () => {
  expect(withoutTaken(grid, change("cancelled", "2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z"))).toEqual(
    grid,
  );
});
