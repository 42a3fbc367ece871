import {
  type AppConfig,
  AppProviders,
  AppShell,
  OidcCallback,
  RequireSession,
  SignInPage,
} from "@booking/ui";
import { BrowserRouter, Route, Routes } from "react-router";

const ROLES = ["staff", "admin"];

/** Routes of the app; screens go in src/features/<feature>/ (see web/README.md). */
export function App({ config }: { config: AppConfig }) {
  return (
    <AppProviders config={config}>
      <BrowserRouter>
        <AppShell title="Staff dashboard" nav={[]}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage heading="Sign in" />} />
            <Route path="/callback" element={<OidcCallback />} />
            <Route
              path="*"
              element={
                <RequireSession roles={ROLES}>
                  <h1 className="text-2xl font-bold">Staff dashboard</h1>
                </RequireSession>
              }
            />
          </Routes>
        </AppShell>
      </BrowserRouter>
    </AppProviders>
  );
}
