import { type FormEvent, useState } from "react";
import { Navigate, useSearchParams } from "react-router";
import { useSession } from "../auth/session";
import { SignInError, signInLocal, signInRedirect } from "../auth/signIn";
import { useConfig } from "../lib/providers";
import { Alert } from "./Alert";
import { Button } from "./Button";
import { TextField } from "./TextField";

/** Where to go after signing in: only paths inside this app (no open redirects). */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** The sign-in screen: a form on the local stack, the provider's page (OIDC + PKCE) in AWS. */
export function SignInPage({ heading, hint }: { heading: string; hint?: string }) {
  const config = useConfig();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const expired = params.get("expired") === "1";

  if (session) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (config.auth.mode === "local") await signInLocal(config.auth, email, password);
      else await signInRedirect(config.auth, next);
    } catch (caught) {
      setError(caught instanceof SignInError ? caught.message : "Signing in failed. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="mx-auto max-w-sm space-y-4 py-6" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className="text-2xl font-bold">
        {heading}
      </h1>
      {expired && <Alert tone="warning">Your session ended. Sign in again to carry on where you were.</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <form onSubmit={submit} className="space-y-4">
        {config.auth.mode === "local" && (
          <>
            <TextField
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint={hint}
            />
          </>
        )}
        <Button type="submit" busy={busy} className="w-full">
          Sign in
        </Button>
      </form>
    </section>
  );
}
