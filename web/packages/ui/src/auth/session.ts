// The signed-in session: a bearer token and when it expires, kept in localStorage so a reload
// (or an offline start) keeps the member signed in. Components read it with useSession().
import { useSyncExternalStore } from "react";

export interface Session {
  token: string;
  role: string;
  email: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const KEY = "booking.session";
const listeners = new Set<() => void>();
let cached: Session | null | undefined;

function read(): Session | null {
  if (cached !== undefined) return cached;
  try {
    const raw = localStorage.getItem(KEY);
    cached = raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    cached = null;
  }
  return cached;
}

function emit(): void {
  for (const listener of listeners) listener();
}

/** The current session, or null when signed out or expired. */
export function currentSession(now = Date.now()): Session | null {
  const session = read();
  return session && session.expiresAt > now ? session : null;
}

/** Store a new session (after sign-in). */
export function setSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
  cached = session;
  emit();
}

/** Forget the session (sign-out, or the API said 401). */
export function clearSession(): void {
  localStorage.removeItem(KEY);
  cached = null;
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) {
      cached = undefined;
      listener();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The session as React state (null when signed out or expired). */
export function useSession(): Session | null {
  const session = useSyncExternalStore(subscribe, read, () => null);
  return session && session.expiresAt > Date.now() ? session : null;
}

/** The claims of a JWT (not verified: the API verifies; the app only reads its own token). */
export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split(".")[1] ?? "";
  const padded = part.replace(/-/g, "+").replace(/_/g, "/");
  const json = decodeURIComponent(
    Array.from(atob(padded), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join(""),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/** The role a token carries: `role`, else the strongest Cognito group. */
export function roleOf(claims: Record<string, unknown>): string {
  if (typeof claims.role === "string") return claims.role;
  const groups = Array.isArray(claims["cognito:groups"]) ? claims["cognito:groups"] : [];
  return ["admin", "staff", "kiosk", "service", "member"].find((r) => groups.includes(r)) ?? "";
}

/** A session for a token (expiry from its `exp`). */
export function sessionFromToken(token: string): Session {
  const claims = decodeClaims(token);
  return {
    token,
    role: roleOf(claims),
    email: typeof claims.email === "string" ? claims.email : "",
    expiresAt: typeof claims.exp === "number" ? claims.exp * 1000 : 0,
  };
}
