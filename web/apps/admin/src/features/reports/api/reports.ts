// Reports: the KPIs of a range (computed in SQL by the API) and their CSV export.
import { unwrap } from "@booking/api-client";
import { currentSession, useApi, useConfig } from "@booking/ui";
import { useQuery } from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

/** The KPIs of [from, to] (local days) at one club. */
export function useReport(from: string, to: string, locationId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: keys.report(from, to, locationId ?? ""),
    enabled: locationId !== undefined && from <= to,
    queryFn: () => unwrap(api.GET("/reports", { params: { query: { from, to, location_id: locationId } } })),
  });
}

export type CsvPart = "summary" | "by_source" | "per_day" | "utilisation" | "heatmap";

/** Download one part of the report as CSV (the API needs the token, so not a plain link). */
export function useCsvDownload() {
  const config = useConfig();
  return async (part: CsvPart, from: string, to: string, locationId: string) => {
    const url = new URL(`${config.apiUrl}/reports/csv`);
    url.search = new URLSearchParams({ from, to, location_id: locationId, part }).toString();
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${currentSession()?.token ?? ""}` },
    });
    if (!response.ok) throw new Error(`CSV export answered ${response.status}`);
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${part}-${from}-${to}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
}
