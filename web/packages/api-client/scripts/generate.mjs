// Regenerates the typed client: dumps the OpenAPI document from the Python app in-process,
// then writes src/schema.d.ts with openapi-typescript. Run from web/: `npm run api-client`.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { render } from "./render.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, "..");
const repo = resolve(pkg, "../../..");
const venvPython = resolve(repo, ".venv/bin/python");
const python = process.env.PYTHON ?? (existsSync(venvPython) ? venvPython : "python3");

const json = execFileSync(python, [resolve(here, "dump_openapi.py")], { cwd: repo, encoding: "utf8" });
writeFileSync(resolve(pkg, "openapi.json"), json);
writeFileSync(resolve(pkg, "src/schema.d.ts"), await render(JSON.parse(json)));
console.log("wrote openapi.json and src/schema.d.ts");
