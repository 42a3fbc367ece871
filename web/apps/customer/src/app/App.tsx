import {
  type AppConfig,
  AppProviders,
  AppShell,
  OidcCallback,
  RequireSession,
  SignInPage,
} from "@booking/ui";
import type { ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { BookPage } from "../features/booking/components/BookPage";
import { BookingPage } from "../features/bookings/components/BookingPage";
import { MyBookingsPage } from "../features/bookings/components/MyBookingsPage";
import { CreditsPage } from "../features/credits/components/CreditsPage";
import { KioskCodePage } from "../features/kiosk-code/components/KioskCodePage";
import { PassPage } from "../features/pass/components/PassPage";
import { OfferBanner } from "../features/waitlist/components/OfferBanner";
import { WaitlistPage } from "../features/waitlist/components/WaitlistPage";

const NAV = [
  { to: "/", label: "Book" },
  { to: "/bookings", label: "My bookings" },
  { to: "/waitlist", label: "Waitlist" },
  { to: "/credits", label: "Credits" },
  { to: "/kiosk-code", label: "Kiosk code" },
];

function Member({ children }: { children: ReactNode }) {
  return (
    <RequireSession roles={["member"]}>
      <OfferBanner />
      {children}
    </RequireSession>
  );
}

export function App({ config }: { config: AppConfig }) {
  return (
    <AppProviders config={config}>
      <BrowserRouter>
        <AppShell title="Book a bay" nav={NAV}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage heading="Sign in" />} />
            <Route path="/callback" element={<OidcCallback />} />
            <Route
              path="/"
              element={
                <Member>
                  <BookPage />
                </Member>
              }
            />
            <Route
              path="/bookings"
              element={
                <Member>
                  <MyBookingsPage />
                </Member>
              }
            />
            <Route
              path="/bookings/:bookingId"
              element={
                <Member>
                  <BookingPage />
                </Member>
              }
            />
            <Route
              path="/bookings/:bookingId/pass"
              element={
                <Member>
                  <PassPage />
                </Member>
              }
            />
            <Route
              path="/waitlist"
              element={
                <Member>
                  <WaitlistPage />
                </Member>
              }
            />
            <Route
              path="/credits"
              element={
                <Member>
                  <CreditsPage />
                </Member>
              }
            />
            <Route
              path="/kiosk-code"
              element={
                <Member>
                  <KioskCodePage />
                </Member>
              }
            />
            <Route
              path="*"
              element={
                <Member>
                  <p>That page doesn't exist.</p>
                </Member>
              }
            />
          </Routes>
        </AppShell>
      </BrowserRouter>
    </AppProviders>
  );
}
