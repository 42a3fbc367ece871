import { expect, test } from "vitest";
import { appliesAt } from "./ruleScope";

const club = {
  id: "c1",
  resources: [
    { id: "b1", type: "simulator" },
    { id: "b2", type: "putting" },
  ],
};

test("a club's rules: every club's, its own, its bay types' and its bays'; no other club's", () => {
  expect(appliesAt({ scope: "all", scope_ref: null }, club)).toBe(true);
  expect(appliesAt({ scope: "location", scope_ref: "c1" }, club)).toBe(true);
  expect(appliesAt({ scope: "location", scope_ref: "c2" }, club)).toBe(false);
  expect(appliesAt({ scope: "resource_type", scope_ref: "putting" }, club)).toBe(true);
  expect(appliesAt({ scope: "resource_type", scope_ref: "lounge" }, club)).toBe(false);
  expect(appliesAt({ scope: "resource", scope_ref: "b2" }, club)).toBe(true);
  expect(appliesAt({ scope: "resource", scope_ref: "b9" }, club)).toBe(false);
  expect(appliesAt({ scope: "resource", scope_ref: "b1" }, { id: "c1", resources: null })).toBe(false);
});
