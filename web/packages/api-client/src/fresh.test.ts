// @vitest-environment node
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
// @ts-expect-error: a plain ES module shared with the generator script
import { render } from "../scripts/render.mjs";

const pkg = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");

test("src/schema.d.ts is what openapi.json generates (run `make web-client` when this fails)", async () => {
  const doc = JSON.parse(readFileSync(resolve(pkg, "openapi.json"), "utf8"));
  const committed = readFileSync(resolve(pkg, "src/schema.d.ts"), "utf8");
  expect(committed).toBe(await render(doc));
});
