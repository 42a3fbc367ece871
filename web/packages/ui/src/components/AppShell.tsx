import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { clearSession, useSession } from "../auth/session";
import { Button } from "./Button";
import { OfflineBanner } from "./OfflineBanner";

export interface NavItem {
  to: string;
  label: string;
}

/** Page frame: skip link, header with the app's name and navigation, offline notice, main. */
export function AppShell({
  title,
  nav,
  children,
  wide = false,
}: {
  title: string;
  nav: NavItem[];
  children: ReactNode;
  /** Desk screens (the staff dashboard) use the whole width; phone-first apps don't. */
  wide?: boolean;
}) {
  const session = useSession();
  const width = wide ? "max-w-screen-2xl" : "max-w-3xl";
  return (
    <div className="min-h-dvh bg-slate-50 text-slate-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:m-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-10 bg-emerald-900 text-white shadow">
        <div className={`mx-auto flex ${width} items-center justify-between gap-2 px-4 py-2`}>
          <span className="text-base font-bold">{title}</span>
          {session && (
            <Button variant="ghost" className="text-white hover:bg-emerald-800" onClick={clearSession}>
              Sign out
            </Button>
          )}
        </div>
        {session && nav.length > 0 && (
          <nav aria-label="Main" className={`mx-auto ${width} px-2`}>
            <ul className="flex gap-1 overflow-x-auto">
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.to === "/"}
                    className={({ isActive }) =>
                      `inline-block min-h-11 rounded-t-lg px-3 py-3 text-sm font-medium focus-visible:outline-3 focus-visible:outline-amber-400 ${
                        isActive ? "bg-slate-50 text-emerald-900" : "text-emerald-50 hover:bg-emerald-800"
                      }`
                    }
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <OfflineBanner />
      <main id="main" className={`mx-auto ${width} p-4`}>
        {children}
      </main>
    </div>
  );
}
