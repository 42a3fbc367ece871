// What every app wraps itself in: the runtime config, the API client bound to the session,
// and TanStack Query for server state.
import { type ApiClient, ApiError, createApiClient } from "@booking/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import { clearSession, currentSession } from "../auth/session";
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
        // 4xx answers will not change by asking again; network failures and 5xx might.
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        networkMode: "always",
      },
      mutations: { networkMode: "always" },
    },
  });
}

export function AppProviders({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
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
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </ApiContext.Provider>
    </ConfigContext.Provider>
  );
}
