// Shows that the build breaks when the API renames a field the web app reads (issue #13: "the frontend build fails
// when a field it uses is renamed in the schema"). It copies src/ to a scratch folder, renames a few fields read by
// different pages in a copy of openapi.json, generates the types from it as scripts/schema.mjs does, and runs tsc on
// the copy: tsc must fail, naming every renamed field. The real src/ is never touched.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = fileURLToPath(new URL("..", import.meta.url));
// [component, field]: fields the pages read (the document page, search results, the review queue, notices, the
// recommendations board, the validity answer).
const RENAMES = [
  ["DocumentDetail", "source_file_url"],
  ["SearchHit", "title"],
  ["Task", "may_decide"],
  ["Notification", "message"],
  ["Recommendation", "deadline"],
  ["Validity", "since"],
];

// Inside frontend/ so that the copy resolves node_modules as src/ does.
const scratch = mkdtempSync(join(root, ".rename-check-"));
try {
  cpSync(join(root, "src"), join(scratch, "src"), { recursive: true });
  const schema = JSON.parse(readFileSync(join(root, "src/schema/openapi.json"), "utf8"));
  for (const [component, field] of RENAMES) {
    const shape = schema.components.schemas[component];
    if (!shape?.properties?.[field]) throw new Error(`${component}.${field} is not in the schema: update RENAMES`);
    shape.properties[`${field}_renamed`] = shape.properties[field];
    delete shape.properties[field];
    shape.required = (shape.required ?? []).map((name) => (name === field ? `${field}_renamed` : name));
  }
  const types = astToString(await openapiTS(schema));
  writeFileSync(join(scratch, "src/schema/schema.d.ts"), types);
  writeFileSync(
    join(scratch, "tsconfig.json"),
    JSON.stringify({ extends: "../tsconfig.json", include: ["src"], compilerOptions: { noEmit: true } }),
  );
  let output = "";
  try {
    execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", scratch], { encoding: "utf8" });
  } catch (error) {
    output = String(error.stdout ?? "") + String(error.stderr ?? "");
  }
  const missed = RENAMES.filter(([, field]) => !output.includes(`'${field}'`));
  if (!output || missed.length) {
    console.error(`tsc did not fail on every renamed field; not caught: ${missed.map((r) => r.join(".")).join(", ")}`);
    console.error(output.slice(0, 4000));
    process.exitCode = 1; // not process.exit(): the scratch folder is removed below first
  } else {
    console.log(`rename check: tsc fails on each of ${RENAMES.length} renamed fields, as it should`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
