import { expect, test } from "vitest";
import { countdown, dayTimes, timeLabel, todayIn, zonedInstant } from "./time";

test("fall-back day: the repeated hour is told apart by its zone", () => {
  // 2026-11-01 in Toronto: 1:30 EDT (05:30Z) and 1:30 EST (06:30Z).
  expect(timeLabel("2026-11-01T05:30:00Z", "America/Toronto")).toMatch(/1:30.*EDT/);
  expect(timeLabel("2026-11-01T06:30:00Z", "America/Toronto")).toMatch(/1:30.*EST/);
});

test("spring-forward day: 1:30 is followed by 3:00", () => {
  expect(timeLabel("2026-03-08T06:30:00Z", "America/Toronto")).toMatch(/1:30.*EST/);
  expect(timeLabel("2026-03-08T07:00:00Z", "America/Toronto")).toMatch(/3:00.*EDT/);
});

test("today is the club's day, and the countdown reads well", () => {
  expect(todayIn("America/Vancouver", new Date("2026-06-02T05:00:00Z"))).toBe("2026-06-01");
  expect(countdown(2 * 3600_000 + 5 * 60_000)).toBe("2 h 05 min");
  expect(countdown(249_000)).toBe("4 min 09 s");
});

test("a club's wall-clock time is the right instant in summer, in winter, and around the gap", () => {
  expect(zonedInstant("2026-06-03", "19:00", "America/Toronto")).toBe("2026-06-03T23:00:00.000Z");
  expect(zonedInstant("2026-12-01", "19:00", "America/Toronto")).toBe("2026-12-02T00:00:00.000Z");
  expect(zonedInstant("2026-12-01", "19:00", "Europe/London")).toBe("2026-12-01T19:00:00.000Z");
  const spring = dayTimes("2026-03-08", "America/Toronto").map(([hhmm]) => hhmm);
  expect(spring).toContain("01:30");
  expect(spring).not.toContain("02:00");
  expect(spring).not.toContain("02:30");
  expect(spring).toContain("03:00");
  expect(dayTimes("2026-06-03", "America/Toronto")).toHaveLength(48);
});
