import { type AppConfig, AppProviders, OidcCallback, RequireSession, SignInPage } from "@booking/ui";
import { BrowserRouter, Route, Routes } from "react-router";
import { KioskFlow } from "../features/kiosk/KioskFlow";

const ROLES = ["kiosk"];

/** The door kiosk: signed in once as the club's kiosk, then one full-screen flow for members. */
export function App({ config }: { config: AppConfig }) {
  return (
    <AppProviders config={config}>
      <BrowserRouter>
        <Routes>
          <Route
            path="/sign-in"
            element={
              <main className="mx-auto max-w-xl p-8">
                <SignInPage heading="Sign this kiosk in" />
              </main>
            }
          />
          <Route path="/callback" element={<OidcCallback />} />
          <Route
            path="*"
            element={
              <RequireSession roles={ROLES}>
                <main>
                  <KioskFlow />
                </main>
              </RequireSession>
            }
          />
        </Routes>
      </BrowserRouter>
    </AppProviders>
  );
}
