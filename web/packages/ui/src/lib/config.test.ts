import { expect, test } from "vitest";
import { parseConfig } from "./config";

test("parseConfig accepts both sign-in modes and trims the API URL", () => {
  expect(
    parseConfig({ apiUrl: "http://x/v1/", stage: "e2e", auth: { mode: "local", signInUrl: "http://x/s" } }),
  ).toEqual({ apiUrl: "http://x/v1", stage: "e2e", auth: { mode: "local", signInUrl: "http://x/s" } });
  const oidc = parseConfig({
    apiUrl: "https://a",
    auth: { mode: "oidc", authority: "https://c", clientId: "id" },
  });
  expect(oidc.auth.mode).toBe("oidc");
});

test("parseConfig names what is missing", () => {
  expect(() => parseConfig({ auth: { mode: "local", signInUrl: "s" } })).toThrow(/apiUrl/);
  expect(() => parseConfig({ apiUrl: "a", auth: { mode: "saml" } })).toThrow(/auth/);
});

test("parseConfig keeps the live URL when there is one", () => {
  const auth = { mode: "local", signInUrl: "s" };
  expect(parseConfig({ apiUrl: "a", auth, liveUrl: "ws://127.0.0.1:9/v1" }).liveUrl).toBe(
    "ws://127.0.0.1:9/v1",
  );
  expect(parseConfig({ apiUrl: "a", auth, liveUrl: "" }).liveUrl).toBeUndefined();
  expect(parseConfig({ apiUrl: "a", auth }).liveUrl).toBeUndefined();
});
