import { ApiError } from "@booking/api-client";
import { render, screen } from "@testing-library/react";
import { expect, test } from "vitest";
import { ErrorAlert } from "./Alert";

test("ErrorAlert shows every reason of a 422 as a list, announced as an alert", () => {
  const error = new ApiError(422, {
    code: "BOOKING_REJECTED",
    message: "x",
    details: {
      reasons: [
        { code: "TOO_LONG", message: "Bookings last at most 2 hours" },
        { code: "NOTICE", message: "Book at least 1 hour ahead" },
      ],
    },
  });
  render(<ErrorAlert error={error} title="We couldn't book that" />);
  const alert = screen.getByRole("alert");
  expect(alert.textContent).toContain("We couldn't book that");
  expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
    "Bookings last at most 2 hours",
    "Book at least 1 hour ahead",
  ]);
});
