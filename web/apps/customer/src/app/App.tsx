import {
  type AppConfig,
  AppProviders,
  AppShell,
  OidcCallback,
  RequireSession,
  SignInPage,
} from "@booking/ui";
import { BrowserRouter, Route, Routes } from "react-router";

export function App({ config }: { config: AppConfig }) {
  return (
    <AppProviders config={config}>
      <BrowserRouter>
        <AppShell title="Book a bay" nav={[]}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage heading="Sign in" />} />
            <Route path="/callback" element={<OidcCallback />} />
            <Route
              path="*"
              element={
                <RequireSession roles={["member"]}>
                  <h1 className="text-2xl font-bold">Book a bay</h1>
                </RequireSession>
              }
            />
          </Routes>
        </AppShell>
      </BrowserRouter>
    </AppProviders>
  );
}
