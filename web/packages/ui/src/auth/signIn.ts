// Signing in: on the local stack a POST of e-mail + password to the local sign-in; in AWS the
// OIDC authorization-code flow with PKCE against Cognito (oidc-client-ts).
import type { AuthConfig } from "../lib/config";
import { type Session, sessionFromToken, setSession } from "./session";

/** Thrown when the sign-in is refused or unreachable; `message` is for people. */
export class SignInError extends Error {}

/** Local stack: exchange e-mail and password for a token and store the session. */
export async function signInLocal(
  auth: Extract<AuthConfig, { mode: "local" }>,
  email: string,
  password: string,
): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(auth.signInUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    throw new SignInError("Can't reach the sign-in service. Check your connection and try again.");
  }
  if (response.status === 401) throw new SignInError("That e-mail and password don't match.");
  if (!response.ok) throw new SignInError("Signing in failed. Please try again in a moment.");
  const body = (await response.json()) as { id_token: string };
  const session = sessionFromToken(body.id_token);
  setSession(session);
  return session;
}

async function userManager(auth: Extract<AuthConfig, { mode: "oidc" }>) {
  // Loaded only where OIDC is used, so the local build's first load stays small.
  const { UserManager, WebStorageStateStore } = await import("oidc-client-ts");
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${window.location.origin}/callback`,
    post_logout_redirect_uri: window.location.origin,
    response_type: "code",
    scope: auth.scope ?? "openid email profile",
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

/** OIDC: go to the provider's sign-in page (code flow with PKCE); `next` is where to return. */
export async function signInRedirect(
  auth: Extract<AuthConfig, { mode: "oidc" }>,
  next: string,
): Promise<void> {
  const manager = await userManager(auth);
  await manager.signinRedirect({ state: { next } });
}

/** OIDC: finish the redirect on /callback; returns where the member was going. */
export async function completeSignInRedirect(auth: Extract<AuthConfig, { mode: "oidc" }>): Promise<string> {
  const manager = await userManager(auth);
  const user = await manager.signinRedirectCallback();
  if (!user.id_token) throw new SignInError("The sign-in provider returned no id token.");
  setSession(sessionFromToken(user.id_token));
  const state = user.state as { next?: string } | undefined;
  return state?.next ?? "/";
}
