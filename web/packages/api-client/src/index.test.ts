import { describe, expect, test, vi } from "vitest";
import { ApiError, createApiClient, unwrap } from "./index";

function answering(status: number, body: unknown): typeof fetch {
  return vi.fn(async (request: Request) => {
    answering.last = request;
    return new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  }) as unknown as typeof fetch;
}
answering.last = undefined as Request | undefined;

describe("createApiClient", () => {
  test("sends the session's token and returns typed data", async () => {
    const api = createApiClient({
      baseUrl: "http://api.test/v1/",
      token: () => "tok",
      fetch: answering(200, { balance: 3, entries: [] }),
    });
    const data = await unwrap(api.GET("/me/credits", {}));
    expect(data.balance).toBe(3);
    expect(answering.last?.url).toBe("http://api.test/v1/me/credits");
    expect(answering.last?.headers.get("Authorization")).toBe("Bearer tok");
  });

  test("turns the error shape into an ApiError and reports a 401", async () => {
    const onUnauthorized = vi.fn();
    const api = createApiClient({
      baseUrl: "http://api.test",
      token: () => null,
      onUnauthorized,
      fetch: answering(401, { error: { code: "UNAUTHORIZED", message: "missing token", details: {} } }),
    });
    const failure = await unwrap(api.GET("/me", {})).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe("UNAUTHORIZED");
    expect((failure as ApiError).status).toBe(401);
    expect(answering.last?.headers.get("Authorization")).toBeNull();
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  test("a network failure is an ApiError with status 0", async () => {
    const api = createApiClient({
      baseUrl: "http://api.test",
      token: () => null,
      fetch: vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }) as unknown as typeof fetch,
    });
    const failure = (await unwrap(api.GET("/me", {})).catch((e: unknown) => e)) as ApiError;
    expect([failure.status, failure.code]).toEqual([0, "NETWORK"]);
  });
});
