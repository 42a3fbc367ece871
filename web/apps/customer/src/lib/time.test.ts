import { expect, test } from "vitest";
import { countdown, timeLabel, todayIn } from "./time";

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
