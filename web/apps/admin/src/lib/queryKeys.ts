// Query keys in one place, so a mutation can refresh everything it changed.
export const keys = {
  locations: ["locations"] as const,
  floor: (locationId: string, day: string) => ["floor", locationId, day] as const,
  floorAll: ["floor"] as const,
  search: (params: Record<string, string | undefined>) => ["bookings", "search", params] as const,
  bookingsAll: ["bookings"] as const,
  timeline: (bookingId: string) => ["bookings", "timeline", bookingId] as const,
  rules: ["rules"] as const,
  blackouts: (locationId: string) => ["blackouts", locationId] as const,
  members: (q: string) => ["members", "search", q] as const,
  member: (id: string) => ["members", id] as const,
  memberBookings: (id: string) => ["members", id, "bookings"] as const,
  ledger: (id: string) => ["members", id, "ledger"] as const,
  operations: (locationId: string) => ["operations", locationId] as const,
  deadLetters: (consumer: string) => ["operations", "dead-letters", consumer] as const,
  report: (from: string, to: string, locationId: string) => ["reports", from, to, locationId] as const,
};
