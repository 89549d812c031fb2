// Writes the TypeScript types of the Marquee API from the OpenAPI document with openapi-typescript (pinned in
// package.json). Run by `just sdk`; `just sdk-check` runs it into a temporary file and compares.
//
//   node scripts/generate.mjs <openapi.json> <output.d.ts>
//
// One transform over the defaults: `format: binary` becomes `Blob` (the upload forms' `file`), as openapi-fetch
// sends it; openapi-typescript alone would type it as `string`. Any warning the generator prints fails the run.
import { readFile, writeFile } from "node:fs/promises";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/generate.mjs <openapi.json> <output.d.ts>");
  process.exit(2);
}

let warnings = 0;
for (const level of ["warn", "error"]) {
  const original = console[level];
  console[level] = (...args) => {
    warnings += 1;
    original(...args);
  };
}

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const document = JSON.parse(await readFile(input, "utf8"));
const ast = await openapiTS(document, {
  transform(schema) {
    if (schema.format === "binary") return BLOB;
    return undefined;
  },
});
const header = "// Generated from docs/openapi.json by scripts/generate.mjs (`just sdk`). Do not edit.\n\n";
await writeFile(output, header + astToString(ast));
if (warnings > 0) {
  console.error(`openapi-typescript printed ${warnings} warning(s)`);
  process.exit(1);
}
