// Runtime settings, read from /config.json (written next to the app at deploy time), so one
// build serves every stage.

/** How people sign in: the local stack's stand-in, or an OIDC provider (Cognito in AWS). */
export type AuthConfig =
  | { mode: "local"; signInUrl: string }
  | { mode: "oidc"; authority: string; clientId: string; scope?: string };

export interface AppConfig {
  apiUrl: string;
  stage: string;
  auth: AuthConfig;
  /** The WebSocket API for live updates (absent: screens poll). */
  liveUrl?: string;
}

function isAuth(value: unknown): value is AuthConfig {
  const auth = value as Partial<Record<string, unknown>> | null;
  if (!auth || typeof auth !== "object") return false;
  if (auth.mode === "local") return typeof auth.signInUrl === "string";
  if (auth.mode === "oidc") return typeof auth.authority === "string" && typeof auth.clientId === "string";
  return false;
}

/** Check the parsed config.json; throws a readable error naming what is missing. */
export function parseConfig(raw: unknown): AppConfig {
  const data = raw as Partial<Record<string, unknown>> | null;
  if (!data || typeof data !== "object") throw new Error("config.json is not an object");
  if (typeof data.apiUrl !== "string" || !data.apiUrl) throw new Error("config.json: apiUrl missing");
  if (!isAuth(data.auth)) throw new Error("config.json: auth missing or of an unknown mode");
  return {
    apiUrl: data.apiUrl.replace(/\/$/, ""),
    stage: typeof data.stage === "string" ? data.stage : "",
    auth: data.auth,
    liveUrl: typeof data.liveUrl === "string" && data.liveUrl ? data.liveUrl : undefined,
  };
}

const CACHE_KEY = "booking.config";

/**
 * Fetch /config.json; offline, fall back to the copy kept from the last successful load, so
 * the app shell still starts without a network.
 */
export async function loadConfig(url = "/config.json"): Promise<AppConfig> {
  try {
    const response = await fetch(url, { cache: "no-store" });
    if (!response.ok) throw new Error(`config.json answered ${response.status}`);
    const config = parseConfig(await response.json());
    localStorage.setItem(CACHE_KEY, JSON.stringify(config));
    return config;
  } catch (error) {
    const kept = localStorage.getItem(CACHE_KEY);
    if (kept) return parseConfig(JSON.parse(kept));
    throw error;
  }
}
