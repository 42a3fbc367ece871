// What every app wraps itself in: the runtime config, the API client bound to the session,
// and TanStack Query for server state.
import { type ApiClient, ApiError, createApiClient } from "@booking/api-client";
import { createSyncStoragePersister } from "@tanstack/query-sync-storage-persister";
import { type Query, QueryClient } from "@tanstack/react-query";
import { PersistQueryClientProvider } from "@tanstack/react-query-persist-client";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { clearSession, currentSession, useSession } from "../auth/session";
import type { AppConfig } from "./config";

const ConfigContext = createContext<AppConfig | null>(null);
const ApiContext = createContext<ApiClient | null>(null);

/** The runtime config (inside AppProviders). */
export function useConfig(): AppConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error("useConfig outside AppProviders");
  return config;
}

/** The API client, sending the session's token (inside AppProviders). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside AppProviders");
  return api;
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // As long as answers are kept offline (TanStack drops a kept query once it is collected).
        gcTime: 24 * 3600 * 1000,
        // 4xx answers will not change by asking again; network failures and 5xx might.
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        networkMode: "always",
      },
      mutations: { networkMode: "always" },
    },
  });
}

/** Where the answers kept for offline use live (one device, one signed-in person at a time). */
export const OFFLINE_CACHE_KEY = "booking.offline";
/** Kept answers older than this are dropped rather than shown. */
const OFFLINE_MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * Only queries that declare ``meta: { offline: true }`` (my bookings, a booking, its pass) are
 * kept for offline use, and only their successful answers: a grid of free times is never kept,
 * so a stale one can never be offered for booking.
 */
export function keptOffline(query: Query): boolean {
  return query.meta?.offline === true && query.state.status === "success";
}

export function AppProviders({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [persister] = useState(() =>
    createSyncStoragePersister({ storage: window.localStorage, key: OFFLINE_CACHE_KEY }),
  );
  const session = useSession();
  const who = session?.email ?? null;
  useEffect(() => {
    // Signed out (or someone else signed in): nothing of the previous person stays on the device.
    if (who === null) {
      queryClient.clear();
      localStorage.removeItem(OFFLINE_CACHE_KEY);
    }
  }, [who, queryClient]);
  const api = useMemo(
    () =>
      createApiClient({
        baseUrl: config.apiUrl,
        token: () => currentSession()?.token ?? null,
        // The session is over: forgetting it sends RequireSession to the sign-in page.
        onUnauthorized: clearSession,
      }),
    [config.apiUrl],
  );
  return (
    <ConfigContext.Provider value={config}>
      <ApiContext.Provider value={api}>
        <PersistQueryClientProvider
          client={queryClient}
          persistOptions={{
            persister,
            maxAge: OFFLINE_MAX_AGE_MS,
            // A new signed-in person starts from nothing kept.
            buster: who ?? "",
            dehydrateOptions: { shouldDehydrateQuery: keptOffline },
          }}
        >
          {children}
        </PersistQueryClientProvider>
      </ApiContext.Provider>
    </ConfigContext.Provider>
  );
}
