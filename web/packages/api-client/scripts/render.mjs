// Turns the OpenAPI document into the TypeScript types of src/schema.d.ts (shared by the
// generator and the test that fails when the committed types are stale).
import openapiTS, { astToString } from "openapi-typescript";

const BANNER = "// Generated from openapi.json by scripts/generate.mjs: never edit by hand.\n\n";

/**
 * The contents of src/schema.d.ts for an OpenAPI document. A field with a default stays optional
 * (a request may leave it out; the server fills it in).
 */
export async function render(doc) {
  return BANNER + astToString(await openapiTS(doc, { defaultNonNullable: false }));
}
