import type { Schemas } from "@booking/api-client";

type Rule = Schemas["RuleOut"];

/** Whether `rule` applies at `club`: every club, this club, one of its bay types, or one of its bays. */
export function appliesAt(
  rule: Pick<Rule, "scope" | "scope_ref">,
  club: { id: string; resources?: { id: string; type: string }[] | null },
): boolean {
  const bays = club.resources ?? [];
  switch (rule.scope) {
    case "location":
      return rule.scope_ref === club.id;
    case "resource_type":
      return bays.some((r) => r.type === rule.scope_ref);
    case "resource":
      return bays.some((r) => r.id === rule.scope_ref);
    default:
      return true;
  }
}
