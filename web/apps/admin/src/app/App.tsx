import {
  type AppConfig,
  AppProviders,
  AppShell,
  Loading,
  OidcCallback,
  RequireSession,
  SignInPage,
} from "@booking/ui";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { LocationPicker } from "../components/LocationPicker";
import { BookingPanel } from "../features/bookings/components/BookingPanel";
import { BookingsPage } from "../features/bookings/components/BookingsPage";
import { CatalogPage } from "../features/catalog/components/CatalogPage";
import { FloorPage } from "../features/floor/components/FloorPage";
import { MembersPage } from "../features/members/components/MembersPage";
import { OperationsPage } from "../features/operations/components/OperationsPage";
import { RulesPage } from "../features/rules/components/RulesPage";
import { SeriesPage } from "../features/series/components/SeriesPage";
import { LocationProvider } from "./LocationProvider";

// The charts library is most of the bundle and only the reports use it: load it with them.
const ReportsPage = lazy(() =>
  import("../features/reports/components/ReportsPage").then((m) => ({ default: m.ReportsPage })),
);

const ROLES = ["staff", "admin"];

const NAV = [
  { to: "/", label: "Floor" },
  { to: "/bookings", label: "Bookings" },
  { to: "/members", label: "Members" },
  { to: "/series", label: "Leagues" },
  { to: "/rules", label: "Rules" },
  { to: "/club", label: "Bays & settings" },
  { to: "/operations", label: "Operations" },
  { to: "/reports", label: "Reports" },
];

/** Screens that open a booking share one panel to act on it (features stay independent). */
function WithBookingPanel({ render }: { render: (select: (id: string) => void) => ReactNode }) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      {render(setSelected)}
      <BookingPanel bookingId={selected} onClose={() => setSelected(null)} />
    </>
  );
}

function Staff({ children }: { children: ReactNode }) {
  return (
    <RequireSession roles={ROLES}>
      <LocationProvider>
        <div className="-mt-1 mb-2 flex justify-end">
          <LocationPicker />
        </div>
        {children}
      </LocationProvider>
    </RequireSession>
  );
}

/** Routes of the staff dashboard; every screen needs a staff or admin session. */
export function App({ config }: { config: AppConfig }) {
  return (
    <AppProviders config={config}>
      <BrowserRouter>
        <AppShell title="Staff dashboard" nav={NAV} wide>
          <Routes>
            <Route path="/sign-in" element={<SignInPage heading="Sign in" />} />
            <Route path="/callback" element={<OidcCallback />} />
            <Route
              path="/"
              element={
                <Staff>
                  <WithBookingPanel render={(select) => <FloorPage onSelect={select} />} />
                </Staff>
              }
            />
            <Route
              path="/bookings"
              element={
                <Staff>
                  <WithBookingPanel render={(select) => <BookingsPage onSelect={select} />} />
                </Staff>
              }
            />
            <Route
              path="/members"
              element={
                <Staff>
                  <MembersPage />
                </Staff>
              }
            />
            <Route
              path="/series"
              element={
                <Staff>
                  <SeriesPage />
                </Staff>
              }
            />
            <Route
              path="/rules"
              element={
                <Staff>
                  <RulesPage />
                </Staff>
              }
            />
            <Route
              path="/club"
              element={
                <Staff>
                  <CatalogPage />
                </Staff>
              }
            />
            <Route
              path="/operations"
              element={
                <Staff>
                  <OperationsPage />
                </Staff>
              }
            />
            <Route
              path="/reports"
              element={
                <Staff>
                  <Suspense fallback={<Loading label="Loading the reports…" />}>
                    <ReportsPage />
                  </Suspense>
                </Staff>
              }
            />
            <Route
              path="*"
              element={
                <Staff>
                  <p>Nothing here.</p>
                </Staff>
              }
            />
          </Routes>
        </AppShell>
      </BrowserRouter>
    </AppProviders>
  );
}
