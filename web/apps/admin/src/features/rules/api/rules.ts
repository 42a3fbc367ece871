// Rules: list, save (with inline validation), enable/disable, and the dry run.
import { type Schemas, unwrap } from "@booking/api-client";
import { useApi } from "@booking/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys } from "../../../lib/queryKeys";

export type Rule = Schemas["RuleOut"];
export type RuleBody = Schemas["RuleBody"];

/** Every rule, by priority. */
export function useRules() {
  const api = useApi();
  return useQuery({
    queryKey: keys.rules,
    queryFn: async () => (await unwrap(api.GET("/rules", { params: { query: { limit: 200 } } }))).rules,
  });
}

/** Every problem of a draft rule by field, asked as it is edited (nothing is saved). */
export function useRuleProblems(draft: RuleBody | null) {
  const api = useApi();
  return useQuery({
    queryKey: ["rules", "validate", draft],
    enabled: draft !== null,
    queryFn: () => unwrap(api.POST("/rules/validate", { body: draft as RuleBody })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Create (no id) or replace a rule. */
export function useSaveRule() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: RuleBody }) =>
      id
        ? unwrap(api.PUT("/rules/{rule_id}", { params: { path: { rule_id: id } }, body }))
        : unwrap(api.POST("/rules", { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.rules }),
  });
}

/** Switch a rule on or off. */
export function useSetRuleActive() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      unwrap(api.PATCH("/rules/{rule_id}", { params: { path: { rule_id: id } }, body: { active } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: keys.rules }),
  });
}

/** Would this booking pass? Every reason the engine gives. */
export function useDryRun() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: Schemas["CreateBookingBody"]) => unwrap(api.POST("/rules/check", { body })),
  });
}
