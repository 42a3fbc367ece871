import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { completeSignInRedirect } from "../auth/signIn";
import { useConfig } from "../lib/providers";
import { Alert } from "./Alert";
import { Loading } from "./Spinner";

/** /callback: finish the OIDC code flow and go back where the member was. */
export function OidcCallback() {
  const config = useConfig();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (config.auth.mode !== "oidc") return;
    completeSignInRedirect(config.auth)
      .then((next) => navigate(next, { replace: true }))
      .catch(() => setFailed(true));
  }, [config.auth, navigate]);
  if (failed) return <Alert tone="error">Signing in didn't complete. Please try again.</Alert>;
  return <Loading label="Signing you in…" />;
}
