// The typed API client: openapi-fetch over the types generated from the API's OpenAPI document.
// Request and response types come from src/schema.d.ts only (regenerate it, never edit it).
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths };
/** The API's request and response models, by name (e.g. `Schemas["BookingOut"]`). */
export type Schemas = components["schemas"];
export type ApiClient = Client<paths>;

/** The platform's one error shape: `{"error": {"code", "message", "details"}}`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** A failed call: `status` 0 means the network failed before any answer came. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? {};
  }
}

export interface ClientOptions {
  baseUrl: string;
  /** The bearer token to send, if signed in. */
  token: () => string | null;
  /** Called once per 401 answer (the session is gone: sign in again). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

/** A client for `baseUrl` that sends the session's token and reports 401s. */
export function createApiClient(options: ClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    fetch: options.fetch,
  });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.token();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized?.();
      return response;
    },
  };
  client.use(auth);
  return client;
}

function errorBody(status: number, error: unknown): ApiErrorBody {
  const inner = (error as { error?: ApiErrorBody } | undefined)?.error;
  if (inner && typeof inner.code === "string") return inner;
  return { code: `HTTP_${status}`, message: `The server answered ${status}` };
}

/** The data of a call, or an `ApiError` thrown with the server's code, message and details. */
export async function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<R>,
): Promise<NonNullable<R["data"]>> {
  let result: R;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, {
      code: "NETWORK",
      message: cause instanceof Error ? cause.message : "network error",
    });
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, errorBody(result.response.status, result.error));
  }
  return result.data as NonNullable<R["data"]>;
}
