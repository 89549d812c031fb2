// The first-load JavaScript budget: every script index.html loads (and the modules they import statically),
// gzipped at level 9, against 150 KB. Prints one line per file and fails above the budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 150 * 1024;
const dist = process.argv[2] ?? "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");
const pending = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
let total = 0;
while (pending.length > 0) {
  const file = pending.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file));
  const size = gzipSync(code, { level: 9 }).length;
  total += size;
  console.log(`${file}: ${code.length} bytes, ${size} gzipped`);
  // Static imports between chunks load on first visit too; dynamic import() ones do not.
  for (const m of code.toString("utf8").matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    pending.push(join("assets", m[1]));
  }
}
console.log(`first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error("over the budget: split a route out with import() or drop a dependency");
  process.exit(1);
}
