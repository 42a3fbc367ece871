import { ApiError } from "@booking/api-client";
import { expect, test } from "vitest";
import { humanMessage, reasonsOf } from "./errors";

test("known codes get plain words; the API's own message otherwise; 5xx says nothing internal", () => {
  expect(humanMessage(new ApiError(0, { code: "NETWORK", message: "Failed to fetch" }))).toMatch(/offline/);
  expect(humanMessage(new ApiError(422, { code: "X", message: "Party too large" }))).toBe("Party too large");
  expect(humanMessage(new ApiError(500, { code: "INTERNAL_ERROR", message: "trace" }))).toMatch(/our side/);
  expect(humanMessage(new Error("boom"))).toMatch(/went wrong/);
});

test("reasonsOf lists every reason of a refusal", () => {
  const error = new ApiError(422, {
    code: "BOOKING_REJECTED",
    message: "a; b",
    details: {
      reasons: [
        { code: "A", message: "a" },
        { code: "B", message: "b" },
      ],
    },
  });
  expect(reasonsOf(error).map((r) => r.message)).toEqual(["a", "b"]);
  expect(reasonsOf(new Error("x"))).toEqual([]);
});
