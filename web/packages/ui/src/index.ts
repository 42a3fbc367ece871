// Shared by the customer, admin and kiosk apps: runtime config, session and sign-in, the API
// client bound to the session, error wording and the house components.
export {
  clearSession,
  currentSession,
  decodeClaims,
  roleOf,
  type Session,
  sessionFromToken,
  setSession,
  useSession,
} from "./auth/session";
export { completeSignInRedirect, SignInError, signInLocal, signInRedirect } from "./auth/signIn";
export { Alert, ErrorAlert } from "./components/Alert";
export { AppShell, type NavItem } from "./components/AppShell";
export { Button, type ButtonProps } from "./components/Button";
export { ConfirmDialog } from "./components/ConfirmDialog";
export { OfflineBanner } from "./components/OfflineBanner";
export { OidcCallback } from "./components/OidcCallback";
export { RequireSession } from "./components/RequireSession";
export { SignInPage, safeNext } from "./components/SignInPage";
export { Loading } from "./components/Spinner";
export { startApp } from "./components/StartApp";
export { TextField, type TextFieldProps } from "./components/TextField";
export { type AppConfig, type AuthConfig, loadConfig, parseConfig } from "./lib/config";
export { humanMessage, type Reason, reasonsOf } from "./lib/errors";
export { useOnline } from "./lib/online";
export { AppProviders, useApi, useConfig } from "./lib/providers";
export {
  type LiveFeed,
  type LiveFeedOptions,
  type LiveSlot,
  type LiveStatus,
  POLL_INTERVAL_MS,
  type SlotChange,
  useLiveFeed,
} from "./live/useLiveFeed";
