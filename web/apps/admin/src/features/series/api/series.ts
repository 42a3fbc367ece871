// League series: plan (the conflict report), book all or nothing, cancel the rest.
import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";

export type SeriesRequest = Schemas["SeriesBody"];
export type Occurrence = Schemas["OccurrenceOut"];

/** Every occurrence of a series, free or why not (nothing is booked). */
export function usePlanSeries() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: SeriesRequest) => unwrap(api.POST("/series/plan", { body })),
  });
}

/** Book the series, leaving out exactly the occurrences in ``skip``. */
export function useBookSeries() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: SeriesRequest) => unwrap(api.POST("/series", { body })),
    onSettled: () => void queries.invalidateQueries(),
  });
}

/** Cancel a series' upcoming occurrences. */
export function useCancelSeries() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (seriesId: string) =>
      unwrap(
        api.POST("/series/{series_id}/cancel", {
          params: { path: { series_id: seriesId } },
          body: {},
        }),
      ),
    onSettled: () => void queries.invalidateQueries(),
  });
}
