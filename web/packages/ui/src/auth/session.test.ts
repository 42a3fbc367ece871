import { afterEach, expect, test } from "vitest";
import { clearSession, currentSession, roleOf, sessionFromToken, setSession } from "./session";

function token(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "");
  return `${b64({ alg: "HS256" })}.${b64(claims)}.sig`;
}

afterEach(clearSession);

test("a session carries the token's role, e-mail and expiry", () => {
  const session = sessionFromToken(token({ "cognito:groups": ["member"], email: "a@x", exp: 2_000_000_000 }));
  expect(session).toMatchObject({ role: "member", email: "a@x", expiresAt: 2_000_000_000_000 });
  expect(roleOf({ role: "staff", "cognito:groups": ["admin"] })).toBe("staff");
  expect(roleOf({ "cognito:groups": ["member", "admin"] })).toBe("admin");
});

test("an expired session counts as signed out", () => {
  setSession({ token: "t", role: "member", email: "a@x", expiresAt: Date.now() - 1 });
  expect(currentSession()).toBeNull();
  setSession({ token: "t", role: "member", email: "a@x", expiresAt: Date.now() + 60_000 });
  expect(currentSession()?.token).toBe("t");
});
