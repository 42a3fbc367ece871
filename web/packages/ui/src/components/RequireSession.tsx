import { type ReactNode, useEffect, useRef } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "../auth/session";

/**
 * Screens behind sign-in. Without a session (never had one, expired, or the API answered
 * 401) the member goes to /sign-in and comes back to this very screen afterwards.
 */
export function RequireSession({ children, roles }: { children: ReactNode; roles?: string[] }) {
  const session = useSession();
  const location = useLocation();
  const hadSession = useRef(session !== null);
  useEffect(() => {
    if (session) hadSession.current = true;
  }, [session]);
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    const expired = hadSession.current ? "&expired=1" : "";
    return <Navigate to={`/sign-in?next=${next}${expired}`} replace />;
  }
  if (roles && !roles.includes(session.role)) {
    return (
      <p role="alert" className="p-4">
        This app is for {roles.join(" or ")} accounts; you are signed in as {session.email}.
      </p>
    );
  }
  return <>{children}</>;
}
