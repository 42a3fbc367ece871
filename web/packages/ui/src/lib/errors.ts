// Every API error becomes words a person understands; nothing shows a raw code or a stack.
import { ApiError } from "@booking/api-client";

const MESSAGES: Record<string, string> = {
  NETWORK: "You seem to be offline, or the service can't be reached. Try again when you're connected.",
  UNAUTHORIZED: "Your session has ended. Please sign in again.",
  FORBIDDEN: "You don't have access to that.",
  SLOT_TAKEN: "Someone just booked that time.",
  INSUFFICIENT_CREDITS: "You don't have enough credits for this booking.",
  IDEMPOTENCY_IN_PROGRESS: "We're still working on your booking. One moment…",
  BOOKING_NOT_FOUND: "That booking doesn't exist, or it isn't yours.",
  PASS_NOT_AVAILABLE: "This booking has no door pass.",
  PASS_NOT_YET_VALID: "The door pass isn't open yet.",
  PASS_EXPIRED: "This door pass has expired.",
  VERSION_CONFLICT: "This booking changed meanwhile. Reload and try again.",
  INVALID_TRANSITION: "That isn't possible for this booking any more.",
  VALIDATION_FAILED: "Some of the details aren't valid.",
  RATE_LIMITED: "Too many tries. Wait a moment and try again.",
};

/** A reason the API listed for refusing something (422 `details.reasons`). */
export interface Reason {
  code: string;
  message: string;
}

/** The reasons a refusal carried, in the API's words (already written for people). */
export function reasonsOf(error: unknown): Reason[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { reasons?: Reason[] } | undefined;
  return Array.isArray(details?.reasons) ? details.reasons : [];
}

/** One sentence for any failure. */
export function humanMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const known = MESSAGES[error.code];
    if (known) return known;
    if (error.status >= 500) return "Something went wrong on our side. Please try again shortly.";
    if (error.status === 404) return "We couldn't find that.";
    // The API's own messages are written for people; codes are not.
    return error.message || "That didn't work. Please try again.";
  }
  return "Something went wrong. Please try again.";
}
